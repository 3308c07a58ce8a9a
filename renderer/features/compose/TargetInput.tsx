import type { Provider } from '../../../shared/domain/exchange';
import { providerSpec } from '../../../shared/providers';
import { detectTarget, targetMismatch } from '../../../shared/providers/detect-target';
import { pushServiceNote } from '../../../shared/providers/webpush/service-notes';
import { useEffect, useMemo } from 'react';
import { useDevices } from '../../state/devices';

export function TargetInput({
  provider,
  value,
  onChange,
}: {
  provider: Provider;
  value: string;
  onChange(v: string): void;
}) {
  const found = detectTarget(value, provider);
  const mismatch = targetMismatch(provider, value);
  const serviceNote = provider === 'webpush' ? pushServiceNote(value) : null;
  const { placeholder, multiline } = providerSpec(provider).target;
  const all = useDevices((state) => state.devices);
  const loadDevices = useDevices((state) => state.load);
  useEffect(() => {
    void loadDevices();
  }, [loadDevices]);
  const saved = useMemo(() => all.filter((d) => d.provider === provider && d.state === 'active'), [all, provider]);
  return (
    <div className="target">
      <label htmlFor="target-input">Target</label>
      {saved.length > 0 && (
        <select
          aria-label="Saved devices"
          data-testid="target-device"
          value={saved.find((d) => d.target === value)?.id ?? ''}
          onChange={(e) => {
            const device = saved.find((d) => d.id === e.target.value);
            if (device) onChange(device.target);
          }}
        >
          <option value="">Saved devices…</option>
          {saved.map((device) => (
            <option key={device.id} value={device.id}>
              {device.label} ({device.environment})
            </option>
          ))}
        </select>
      )}
      {multiline ? (
        <textarea
          id="target-input"
          data-testid="target-input"
          rows={3}
          spellCheck={false}
          placeholder={placeholder}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id="target-input"
          data-testid="target-input"
          spellCheck={false}
          placeholder={placeholder}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <span className={mismatch ? 'target-kind target-mismatch' : 'target-kind'} data-testid="target-kind">
        {mismatch ?? (found.kind === 'empty' ? '' : found.label)}
      </span>
      {serviceNote && (
        <p className="hint" data-testid="push-service-note">
          {serviceNote.note}
        </p>
      )}
    </div>
  );
}
