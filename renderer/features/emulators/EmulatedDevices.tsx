import { useState } from 'react';
import { EMULATED_DEVICES_MAX } from '../../../shared/contract';
import type { Provider } from '../../../shared/domain/exchange';
import { providerSpec } from '../../../shared/providers';
import { call, toShownError, type ShownError } from '../../bridge';
import { ErrorLine } from '../../components/ErrorLine';
import { useDevices } from '../../state/devices';

/**
 * Devices this emulator knows, made for the sandbox's demo app and saved to Devices, so a bulk
 * rehearsal has targets that are accepted; and imported local devices told to the emulator.
 */
export function EmulatedDevices({ provider }: { provider: Provider }) {
  const [count, setCount] = useState(10);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const name = providerSpec(provider).label;

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
      await useDevices.getState().load();
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }

  const add = () =>
    run(async () => {
      const { added, labels } = await call('sandbox.addDevices', { provider, count });
      const range = added === 1 ? `“${labels[0]}”` : `“${labels[0]}” to “${labels[1]}”`;
      return `Added ${added} emulated device${added === 1 ? '' : 's'} to Devices: ${range}.`;
    });
  const register = () =>
    run(async () => {
      const { registered, local } = await call('sandbox.registerDevices', { provider });
      return registered === 0
        ? `The emulator already knew all ${local} local ${name} device${local === 1 ? '' : 's'}.`
        : `Registered ${registered} of ${local} local ${name} device${local === 1 ? '' : 's'} with the emulator.`;
    });
  const valid = Number.isInteger(count) && count >= 1 && count <= EMULATED_DEVICES_MAX;

  return (
    <section className="panel" data-testid="emulated-devices">
      <h3>Emulated devices</h3>
      <p className="hint">
        The {name} emulator accepts only targets it knows. Add devices it knows (for the demo app of “Try it locally”),
        or tell it about the local devices you imported.
      </p>
      <div className="toolbar">
        <label>
          Count{' '}
          <input
            type="number"
            min={1}
            max={EMULATED_DEVICES_MAX}
            value={Number.isNaN(count) ? '' : count}
            data-testid="emulated-count"
            onChange={(e) => setCount(e.target.valueAsNumber)}
          />
        </label>
        <button
          type="button"
          className="primary"
          data-testid="emulated-add"
          disabled={busy || !valid}
          onClick={() => void add()}
        >
          {busy ? 'Working…' : `Add emulated ${name} devices`}
        </button>
        <button type="button" data-testid="emulated-register" disabled={busy} onClick={() => void register()}>
          Register my local {name} devices
        </button>
      </div>
      {!valid && <p className="field-error">Enter a count from 1 to {EMULATED_DEVICES_MAX.toLocaleString('en-US')}.</p>}
      {done && (
        <p role="status" data-testid="emulated-done">
          {done}
        </p>
      )}
      <ErrorLine error={error} testId="emulated-error" />
    </section>
  );
}
