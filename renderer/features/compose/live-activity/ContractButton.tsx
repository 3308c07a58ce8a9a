import { useEffect, useState } from 'react';
import { useCommands } from '../../../state/commands';
import { useLiveActivity } from '../../../state/live-activity';
import { ContractDialog } from './ContractDialog';

type Aps = { aps?: { 'attributes-type'?: unknown } };
type FcmMessage = { apns?: { payload?: Aps } };

/** The `attributes-type` a payload names (an APNs payload's aps, or an FCM message's apns.payload.aps), if any. */
function namedType(payload: string): string | null {
  try {
    const value = JSON.parse(payload) as Aps & FcmMessage & { message?: FcmMessage };
    const aps = value.aps ?? value.apns?.payload?.aps ?? value.message?.apns?.payload?.aps;
    const type = aps?.['attributes-type'];
    return typeof type === 'string' ? type : null;
  } catch {
    return null;
  }
}

/** "Content-state contract…" in the payload toolbar for Live Activity pushes. */
export function ContractButton({ payload, onChanged }: { payload: string; onChanged(): void }) {
  const [open, setOpen] = useState(false);
  const contracts = useLiveActivity((s) => s.contracts);
  const start = namedType(payload) ?? (contracts.length === 1 ? contracts[0]!.attributesType : '');
  const provide = useCommands((state) => state.provide);
  const withdraw = useCommands((state) => state.withdraw);
  // In the palette for as long as a Live Activity push is being composed.
  useEffect(() => {
    provide('live-activity', [
      {
        id: 'contract',
        label: 'Content-state contract…',
        keywords: 'live activity contentstate swift schema',
        run: () => setOpen(true),
      },
    ]);
    return () => withdraw('live-activity');
  }, [provide, withdraw]);
  return (
    <>
      <button type="button" data-testid="contract-open" onClick={() => setOpen(true)}>
        Content-state contract…
      </button>
      {open && <ContractDialog attributesType={start} onClose={() => setOpen(false)} onChanged={onChanged} />}
    </>
  );
}
