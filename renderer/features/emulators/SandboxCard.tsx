import { useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { call, toShownError, type ShownError } from '../../bridge';
import { ErrorLine } from '../../components/ErrorLine';
import { useAppInfo } from '../../state/app-info';
import { useComposer } from '../../state/composer';
import { useDevices } from '../../state/devices';
import { useEmulators } from '../../state/emulators';
import { useNavigation } from '../../state/navigation';
import { useProfiles } from '../../state/profiles';

type Steps = CallOutput<'sandbox.init'>;

/**
 * "Try it locally": one click starts the emulators and creates demo credentials, emulated
 * devices and local profiles, then opens the composer ready to send.
 */
export function SandboxCard() {
  const [steps, setSteps] = useState<Steps | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const go = useNavigation((s) => s.go);
  const memory = useAppInfo((s) => s.info?.keychain.state === 'ephemeral');

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const result = await call('sandbox.init', {});
      setSteps(result);
      await Promise.all([
        useEmulators.getState().refresh(),
        useDevices.getState().load(),
        useProfiles.getState().load(),
        useComposer.getState().load(),
      ]);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel sandbox" data-testid="sandbox-card">
      <h3>Try it locally</h3>
      <p className="hint">
        One click: the emulators start, demo credentials are generated and{' '}
        {memory ? 'kept in memory for this run (made again next time)' : 'kept in your keychain'}, and each provider
        gets an emulated device and a <em>local</em> profile. No account needed. Run it again any time: it repairs what
        is missing.
      </p>
      <button type="button" className="primary" data-testid="sandbox-init" disabled={busy} onClick={() => void run()}>
        {busy ? 'Setting up…' : 'Try it locally'}
      </button>
      <ErrorLine error={error} testId="sandbox-error" />
      {steps && (
        <>
          <ul className="sandbox-steps" data-testid="sandbox-steps">
            {steps.map((step) => (
              <li key={step.provider} className={step.ok ? 'ok' : 'field-error'}>
                {step.ok ? '✓' : '✗'} <strong>{step.provider}</strong> {step.message}
              </li>
            ))}
          </ul>
          <button type="button" data-testid="sandbox-compose" onClick={() => go('compose')}>
            Open Compose and press Ctrl+Enter
          </button>
        </>
      )}
    </section>
  );
}
