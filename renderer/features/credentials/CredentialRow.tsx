import { useCredentials, type CredentialItem } from '../../state/credentials';
import { useApnsChannels } from '../../state/apns-channels';
import { useNhubRegistrations } from '../../state/nhub-registrations';
import { badges, credentialFacts, kindLabel } from './kinds';
import { CheckPanel } from './CheckPanel';
import { SecretMissing } from './SecretMissing';

export type RowAction = 'rename' | 'replace' | 'delete';

export function CredentialRow({ meta, onAction }: { meta: CredentialItem; onAction(action: RowAction): void }) {
  const test = useCredentials((s) => s.test);
  const outcome = useCredentials((s) => s.tests[meta.id]);
  const check = useCredentials((s) => s.check);
  const checking = useCredentials((s) => s.checks[meta.id]?.state === 'running');
  const openRegistrations = useNhubRegistrations((s) => s.open);
  const openChannels = useApnsChannels((s) => s.open);
  const apns = meta.kind === 'apns-token' || meta.kind === 'apns-certificate';
  return (
    <li className="cred-row" data-testid="credential-row" data-kind={meta.kind}>
      <div className="cred-head">
        <strong className="cred-label">{meta.label}</strong>
        <span className="cred-kind">{kindLabel(meta.kind)}</span>
        {badges(meta).map((badge, index) => (
          <span key={index} className={`cred-badge cred-badge-${badge.tone}`} title={meta.warnings[index]}>
            {badge.text}
          </span>
        ))}
        {meta.secretMissing && (
          <span className="cred-badge cred-badge-danger" data-testid="cred-secret-missing">
            secret missing
          </span>
        )}
        <span className="cred-actions">
          <button type="button" data-testid="cred-test" disabled={outcome?.running} onClick={() => void test(meta.id)}>
            Test
          </button>
          <button type="button" data-testid="cred-check" disabled={checking} onClick={() => void check(meta.id)}>
            Check
          </button>
          {meta.kind === 'nhub' && !meta.secretMissing && (
            <button
              type="button"
              data-testid="cred-registrations"
              data-registrations-for={meta.id}
              onClick={() => openRegistrations(meta.id)}
            >
              Registrations…
            </button>
          )}
          {apns && !meta.secretMissing && (
            <button
              type="button"
              data-testid="cred-channels"
              data-channels-for={meta.id}
              onClick={() => openChannels(meta.id)}
            >
              Channels…
            </button>
          )}
          <button type="button" data-testid="cred-rename" onClick={() => onAction('rename')}>
            Rename
          </button>
          <button type="button" data-testid="cred-replace" onClick={() => onAction('replace')}>
            Replace secret
          </button>
          <button type="button" className="danger" data-testid="cred-delete" onClick={() => onAction('delete')}>
            Delete
          </button>
        </span>
      </div>
      <dl className="cred-facts">
        {credentialFacts(meta).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd className={name === 'Public key' || name === 'SHA-256' ? 'mono' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      {meta.secretMissing && <SecretMissing meta={meta} />}
      {meta.warnings.map((warning) => (
        <div key={warning} className="cred-warning" data-testid="cred-warning">
          {warning}
        </div>
      ))}
      {outcome && (
        <div
          className={outcome.running ? 'cred-test' : outcome.ok ? 'cred-test cred-test-ok' : 'cred-test cred-test-fail'}
          data-testid="cred-test-result"
          role="status"
        >
          {outcome.running ? '' : outcome.ok ? '✓ ' : '✗ '}
          {outcome.message}
        </div>
      )}
      <CheckPanel id={meta.id} />
    </li>
  );
}
