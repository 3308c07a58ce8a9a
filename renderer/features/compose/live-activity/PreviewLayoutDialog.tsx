import { useEffect, useState } from 'react';
import {
  candidateKeys,
  PREVIEW_SLOTS,
  previewLayoutSchema,
  SLOT_WORDS,
  TIMER_COUNTS,
  type KeyKind,
  type PreviewLayout,
  type PreviewSlot,
  type TimerCounts,
} from '../../../../shared/live-activity/preview-layout';
import { DialogFooter } from '../../../components/DialogFooter';
import { ErrorLine } from '../../../components/ErrorLine';
import { ModalDialog } from '../../../components/ModalDialog';
import { useLiveActivity } from '../../../state/live-activity';
import { AttributesTypeInput } from './AttributesTypeInput';

const KIND_WORDS: Record<KeyKind, string> = {
  string: 'String',
  number: 'number',
  date: 'Date',
  boolean: 'Bool',
  other: 'other',
};

const COUNTS_WORDS: Record<TimerCounts, string> = {
  down: 'Counts down to the date (Text(timerInterval:countsDown: true))',
  up: 'Counts up from the date (Text(_:style: .timer) once it has passed)',
};

interface Props {
  aps: Record<string, unknown>;
  /** The type the preview reads: the payload's, the last mapped, or the only contract's. */
  attributesType: string;
  /** What the preview shows now (mapped or guessed), as the starting point. */
  current: PreviewLayout;
  onClose(): void;
}

/**
 * Maps which content-state or attributes key the Live Activity preview shows as title, subtitle,
 * progress, timer and image. Kept with the type's content-state contract, or for this session
 * when the type has none.
 */
export function PreviewLayoutDialog({ aps, attributesType, current, onClose }: Props) {
  const { contracts, error, busy, load, saveLayout } = useLiveActivity();
  const [type, setType] = useState(attributesType);
  const [layout, setLayout] = useState<PreviewLayout>(current);
  useEffect(() => void load(), [load]);
  const contract = contracts.find((c) => c.attributesType === type.trim()) ?? null;
  const keys = candidateKeys(aps, contract);
  // A mapped key the payload and contract no longer have stays on offer, so it is not lost silently.
  const offered = (slot: PreviewSlot) => {
    const ref = layout[slot];
    return ref && !keys.some((k) => k.ref === ref) ? [...keys, { ref, kind: 'other' as const }] : keys;
  };

  function pick(slot: PreviewSlot, ref: string) {
    setLayout(({ [slot]: _, ...rest }) => previewLayoutSchema.parse(ref ? { ...rest, [slot]: ref } : rest));
  }

  async function submit() {
    if (await saveLayout(type.trim(), layout)) onClose();
  }

  return (
    <ModalDialog title="Preview layout" testId="la-layout-dialog" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p className="hint">
          Which key the Live Activity preview shows where. The preview is an approximation: your widget’s SwiftUI layout
          decides the real look.
        </p>
        <div className="field">
          <label htmlFor="la-layout-type">Attributes type</label>
          <AttributesTypeInput id="la-layout-type" value={type} onChange={setType} />
          <p className="hint" data-testid="la-layout-where">
            {contract
              ? `Saved with the ${contract.attributesType} content-state contract in this workspace.`
              : `No content-state contract for ${type.trim() || 'this type'}: the layout lasts for this session. Declare the contract to keep it.`}
          </p>
        </div>
        {PREVIEW_SLOTS.map((slot) => (
          <div className="field" key={slot}>
            <label htmlFor={`la-layout-${slot}`}>{SLOT_WORDS[slot]}</label>
            <select
              id={`la-layout-${slot}`}
              data-testid={`la-layout-${slot}`}
              value={layout[slot] ?? ''}
              onChange={(e) => pick(slot, e.target.value)}
            >
              <option value="">None</option>
              {offered(slot).map((key) => (
                <option key={key.ref} value={key.ref}>
                  {key.ref} ({KIND_WORDS[key.kind]})
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className="field">
          <label htmlFor="la-layout-counts">How the timer counts</label>
          <select
            id="la-layout-counts"
            data-testid="la-layout-counts"
            value={layout.timerCounts}
            onChange={(e) => setLayout({ ...layout, timerCounts: e.target.value as TimerCounts })}
          >
            {TIMER_COUNTS.map((counts) => (
              <option key={counts} value={counts}>
                {COUNTS_WORDS[counts]}
              </option>
            ))}
          </select>
        </div>
        <ErrorLine error={error} testId="la-layout-error" />
        <DialogFooter
          onCancel={onClose}
          primary={busy ? 'Saving…' : 'Save'}
          primaryTestId="la-layout-save"
          primaryDisabled={busy}
        />
      </form>
    </ModalDialog>
  );
}
