import { useEffect, useState } from 'react';
import { liveActivityPreview } from '../../../../shared/live-activity/preview';
import { useLiveActivity } from '../../../state/live-activity';
import { PreviewLayoutDialog } from '../live-activity/PreviewLayoutDialog';
import { DynamicIsland, LockScreen } from './LiveActivityViews';
import './live-activity.css';

/** The current time, read again every second: the timer moves as on a device. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The attributes type the preview reads the layout for: the payload's, the last mapped, or the only contract's. */
export function previewAttributesType(
  aps: Record<string, unknown>,
  previewType: string | null,
  contracts: ReadonlyArray<{ attributesType: string }>,
): string {
  const named = aps['attributes-type'];
  if (typeof named === 'string' && named) return named;
  if (previewType !== null) return previewType;
  return contracts.length === 1 ? contracts[0]!.attributesType : '';
}

/**
 * A Live Activity push as the lock screen and the Dynamic Island might show it, from the layout
 * mapped for its attributes type (or one guessed from key names). The widget's own SwiftUI
 * decides the real look, and the preview says so.
 */
export function LiveActivityPreview({ aps }: { aps: Record<string, unknown> }) {
  const { contracts, loaded, load, sessionLayouts, previewType } = useLiveActivity();
  const [mapping, setMapping] = useState(false);
  const now = useNow();
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  const type = previewAttributesType(aps, previewType, contracts);
  const contract = contracts.find((c) => c.attributesType === type) ?? null;
  const model = liveActivityPreview({ aps, contract, layout: sessionLayouts[type] ?? null, now });
  const ended = model.event === 'end';

  return (
    <div className="la-preview" data-testid="la-preview">
      <p className="la-approximation" data-testid="la-approximation">
        Approximation: your widget’s SwiftUI layout decides the real look.
      </p>
      <div className="la-toolbar">
        <span className="hint" data-testid="la-layout-source">
          {type || 'No attributes type'} · {model.guessed ? 'layout guessed from key names' : 'layout mapped'}
        </span>
        <button type="button" data-testid="la-layout-open" onClick={() => setMapping(true)}>
          Preview layout…
        </button>
      </div>
      <figure className="la-figure">
        <figcaption>Lock screen</figcaption>
        <LockScreen model={model} />
      </figure>
      {ended ? (
        <p className="preview-note" data-testid="la-island-ended">
          Dynamic Island: an ended activity is no longer shown there.
        </p>
      ) : (
        <DynamicIsland model={model} />
      )}
      {model.notes.length > 0 && (
        <ul className="la-notes" data-testid="la-notes">
          {model.notes.map((note) => (
            <li key={note} data-testid="la-note">
              {note}
            </li>
          ))}
        </ul>
      )}
      {mapping && (
        <PreviewLayoutDialog aps={aps} attributesType={type} current={model.layout} onClose={() => setMapping(false)} />
      )}
    </div>
  );
}
