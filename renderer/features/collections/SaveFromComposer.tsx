import { useEffect, useState } from 'react';
import type { CollectionRequest } from '../../../shared/collections/schema';
import type { Profile } from '../../../shared/domain/profile';
import type { SendRequest } from '../../../shared/domain/send-request';
import { useCommands } from '../../state/commands';
import { useDevices } from '../../state/devices';
import { useSend } from '../../state/send';
import { SaveToCollectionDialog } from './SaveToCollectionDialog';

/**
 * The composer's "Save to collection…" (a button beside Send and a palette entry while Compose is
 * shown). After a send it saves that send, answer and all; before one, the draft as it stands.
 */
export function SaveFromComposer(props: { request: SendRequest; profile: Profile | null }) {
  const [open, setOpen] = useState(false);
  const result = useSend((send) => send.result);
  const sending = useSend((send) => send.sendId !== null);
  const why = sending ? 'a send is running.' : !props.profile ? 'choose a profile first.' : null;

  useEffect(() => {
    const { provide, withdraw } = useCommands.getState();
    provide('compose-collection', [
      {
        id: 'compose-save-collection',
        label: 'Save to collection…',
        keywords: 'collections save request',
        disabledReason: why,
        run: () => setOpen(true),
      },
    ]);
    return () => withdraw('compose-collection');
  }, [why]);

  const source = (): { sendId: string } | { request: CollectionRequest } => {
    if (result && result.provider === props.request.provider) return { sendId: result.id };
    return { request: draftRequest(props.request, props.profile!) };
  };

  return (
    <>
      <button
        type="button"
        data-testid="compose-save-collection"
        disabled={why !== null}
        title={why ? `Not now: ${why}` : 'Save this send (or the draft) as a collection request'}
        onClick={() => setOpen(true)}
      >
        Save to collection…
      </button>
      {open && props.profile && (
        <SaveToCollectionDialog
          source={source()}
          defaultName={`${props.request.provider} ${result ? 'send' : 'draft'}`}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** The draft as a request naming the profile and, when the target is a saved device, the device. */
function draftRequest(request: SendRequest, profile: Profile): CollectionRequest {
  const device = useDevices
    .getState()
    .devices.find((saved) => saved.provider === request.provider && saved.target === request.target);
  const options = Object.fromEntries(
    Object.entries(request.options as Record<string, unknown>).filter(
      ([key, value]) => (profile.defaults as Record<string, unknown> | undefined)?.[key] !== value,
    ),
  );
  let payload: unknown = request.payload;
  try {
    const parsed: unknown = JSON.parse(request.payload);
    if (parsed !== null && typeof parsed === 'object') payload = parsed;
  } catch {
    // Text (WNS XML, a raw payload) stays text.
  }
  return {
    provider: request.provider,
    profile: profile.name,
    ...(device ? { device: device.label } : request.target ? { target: request.target } : {}),
    ...(Object.keys(options).length > 0 ? { options } : {}),
    payload,
  };
}
