import { useEffect, useState } from 'react';
import type { Provider } from '../../../shared/domain/exchange';
import type { Preset } from '../../../shared/domain/profile';
import { call, toShownError, type ShownError } from '../../bridge';
import { ErrorLine } from '../../components/ErrorLine';

interface Props {
  provider: Provider;
  current: { options: Record<string, unknown>; payload: string };
  onLoad(preset: Preset): void;
}

/** Saved payloads in the workspace (presets/<provider>/), to load or to save the current one. */
export function PresetMenu({ provider, current, onLoad }: Props) {
  const [presets, setPresets] = useState<Preset[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const refresh = () => void call('presets.list', { provider }).then(setPresets, () => setPresets([]));
  useEffect(refresh, [provider]);
  return (
    <span className="preset-menu">
      <select
        aria-label="Load a preset"
        data-testid="preset-select"
        value=""
        onChange={(event) => {
          const preset = presets.find((p) => p.name === event.target.value);
          if (preset) onLoad(preset);
        }}
      >
        <option value="">Presets…</option>
        {presets.map((preset) => (
          <option key={preset.name} value={preset.name}>
            {preset.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="preset-save"
        onClick={() => {
          const name = prompt('Save the current payload and options as a preset named:');
          if (!name?.trim()) return;
          void call('presets.save', {
            name: name.trim(),
            provider,
            options: current.options,
            payload: current.payload,
          }).then(
            () => {
              setError(null);
              setMessage(`Saved "${name.trim()}".`);
              refresh();
            },
            (failure: unknown) => {
              setMessage(null);
              setError(toShownError(failure));
            },
          );
        }}
      >
        Save preset
      </button>
      {message && <span className="hint">{message}</span>}
      <ErrorLine error={error} />
    </span>
  );
}
