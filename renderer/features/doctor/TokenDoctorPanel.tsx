import { useEffect, useId, useRef, useState } from 'react';
import type { TargetReadingWithFits } from '../../../shared/contract/token-doctor';
import { ErrorLine } from '../../components/ErrorLine';
import type { SendRequest } from '../../../shared/domain/send-request';
import { currentDraft, useComposer } from '../../state/composer';
import { useComposerHandoff } from '../../state/composer-handoff';
import { useCommands } from '../../state/commands';
import { useNavigation } from '../../state/navigation';
import { useTokenDoctor } from '../../state/token-doctor';
import { ProbeConfirmDialog } from './ProbeConfirmDialog';

/** Paste a target: what it is, the facts that says so, what sends to it, and the APNs environment probe. */
export function TokenDoctorPanel() {
  const state = useTokenDoctor();
  const fieldId = useId();
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const { provide, withdraw } = useCommands.getState();
    provide('token-doctor', [
      {
        id: 'token-doctor-identify',
        label: 'What is this target? (token doctor)',
        keywords: 'identify token topic channel subscription apns fcm wns web push environment',
        run: () => field.current?.focus(),
      },
    ]);
    return () => withdraw('token-doctor');
  }, []);
  return (
    <section className="panel token-doctor" data-testid="token-doctor" aria-labelledby={`${fieldId}-title`}>
      <h2 id={`${fieldId}-title`}>What is this target?</h2>
      <form
        className="token-doctor-form"
        onSubmit={(event) => {
          event.preventDefault();
          void state.identify();
        }}
      >
        <label htmlFor={fieldId}>Token, topic, channel URI, subscription JSON or tag expression</label>
        <textarea
          id={fieldId}
          ref={field}
          data-testid="token-doctor-input"
          rows={3}
          spellCheck={false}
          value={state.text}
          onChange={(event) => state.setText(event.target.value)}
        />
        <div>
          <button type="submit" className="primary" data-testid="token-doctor-identify" disabled={state.busy}>
            Identify
          </button>
        </div>
      </form>
      <ErrorLine error={state.error} />
      {state.readFor !== null && state.readings.length === 0 && (
        <p data-testid="token-doctor-unknown">
          Not a target Push Console recognizes: not an APNs token, FCM token, topic or condition, WNS channel, Web Push
          subscription, or Notification Hubs tag.
        </p>
      )}
      <ol className="token-doctor-readings">
        {state.readings.map((reading) => (
          <ReadingView key={reading.kind} reading={reading} />
        ))}
      </ol>
    </section>
  );
}

function ReadingView({ reading }: { reading: TargetReadingWithFits }) {
  const go = useNavigation((nav) => nav.go);
  // Through the composer's handoff, as History's "Open in composer": the draft keeps its payload
  // and options, and the profile is the one using the credential.
  const use = async (profileId: string | null) => {
    await useComposer.getState().load();
    const { drafts } = useComposer.getState();
    const draft = currentDraft(reading.provider, drafts);
    const profile = reading.profiles.find((p) => p.id === profileId);
    const request = {
      provider: reading.provider,
      credential: profile?.credentialId ?? reading.credentials[0]?.id ?? '',
      environment: profile?.environment ?? 'local',
      target: reading.target,
      options: draft.options,
      payload: draft.payload,
    } as SendRequest;
    useComposerHandoff.getState().hand(request, 'the token doctor');
    go('compose');
  };
  return (
    <li className="token-doctor-reading" data-testid="token-reading" data-kind={reading.kind}>
      <h3>
        {reading.label} <span className="hint">({reading.confidence})</span>
      </h3>
      <p data-testid="token-reading-summary">{reading.summary}</p>
      <p className="hint">
        Rests on:{' '}
        {reading.facts.map((fact, i) => (
          <span key={fact}>
            {i > 0 && '; '}
            <q data-testid="token-reading-fact">{fact}</q>
          </span>
        ))}
      </p>
      {reading.problems.map((problem) => (
        <p key={problem} className="field-error" data-testid="token-reading-problem">
          ⚠ {problem}
        </p>
      ))}
      <p data-testid="token-reading-send-with">{reading.sendWith}</p>
      <FitsView reading={reading} onUse={use} />
      {reading.kind === 'apns-token' && reading.problems.length === 0 && <ProbeView reading={reading} />}
    </li>
  );
}

function FitsView({
  reading,
  onUse,
}: {
  reading: TargetReadingWithFits;
  onUse(profileId: string | null): Promise<void>;
}) {
  if (reading.credentials.length === 0)
    return (
      <p className="hint" data-testid="token-reading-no-credentials">
        No credential in this workspace can send to it; import one on the Credentials screen.{' '}
        <button type="button" className="link" onClick={() => void onUse(null)}>
          Use in Compose
        </button>
      </p>
    );
  return (
    <ul className="token-doctor-fits" data-testid="token-reading-fits">
      {reading.credentials.map((credential) => (
        <li key={credential.id} data-testid="token-reading-credential">
          Credential “{credential.label}”{credential.problem ? ` — ${credential.problem}` : ''}
        </li>
      ))}
      {reading.profiles.map((profile) => (
        <li key={profile.id} data-testid="token-reading-profile">
          Profile “{profile.name}” ({profile.environment}){profile.problem ? ` — ${profile.problem}` : ''}{' '}
          <button type="button" className="link" data-testid="token-reading-use" onClick={() => void onUse(profile.id)}>
            Use in Compose
          </button>
        </li>
      ))}
      {reading.profiles.length === 0 && (
        <li>
          <button type="button" className="link" data-testid="token-reading-use" onClick={() => void onUse(null)}>
            Use in Compose
          </button>
        </li>
      )}
    </ul>
  );
}

function ProbeView({ reading }: { reading: TargetReadingWithFits }) {
  const { probe, busy, runProbe } = useTokenDoctor();
  const first = reading.profiles[0];
  const [credentialId, setCredentialId] = useState(first?.credentialId ?? reading.credentials[0]?.id ?? '');
  const [where, setWhere] = useState<'apple' | 'local'>(first?.environment === 'local' ? 'local' : 'apple');
  const [asking, setAsking] = useState(false);
  const id = useId();
  if (!credentialId) return null;
  return (
    <div className="token-doctor-probe" data-testid="token-probe">
      <p className="hint">Sandbox or production? The shape cannot tell; a silent push to each environment can.</p>
      <label htmlFor={`${id}-credential`}>Send with</label>{' '}
      <select id={`${id}-credential`} value={credentialId} onChange={(e) => setCredentialId(e.target.value)}>
        {reading.credentials.map((credential) => (
          <option key={credential.id} value={credential.id}>
            {credential.label}
          </option>
        ))}
      </select>{' '}
      <label htmlFor={`${id}-where`}>to</label>{' '}
      <select
        id={`${id}-where`}
        data-testid="token-probe-where"
        value={where}
        onChange={(e) => setWhere(e.target.value as 'apple' | 'local')}
      >
        <option value="apple">Apple</option>
        <option value="local">the local emulator</option>
      </select>{' '}
      <button type="button" data-testid="token-probe-start" disabled={busy} onClick={() => setAsking(true)}>
        Find the environment…
      </button>
      {asking && (
        <ProbeConfirmDialog
          where={where}
          onClose={() => setAsking(false)}
          onConfirm={() => void runProbe({ token: reading.target, credentialId, where })}
        />
      )}
      {probe && (
        <p data-testid="token-probe-verdict" data-belongs-to={probe.belongsTo ?? 'unknown'}>
          {probe.verdict}
        </p>
      )}
    </div>
  );
}
