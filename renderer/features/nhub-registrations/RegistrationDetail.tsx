import type { NhubRegistration } from '../../../shared/contract/nhub-registrations';
import type { DeleteTarget } from './DeleteRegistrationDialog';

/** The selected registration in full: every tag, the template body, and what can be done to it. */
export function RegistrationDetail(props: {
  row: NhubRegistration;
  onEdit(installationId: string): void;
  onDelete(target: DeleteTarget): void;
}) {
  const { row } = props;
  return (
    <section className="panel reg-detail" aria-labelledby="reg-detail-title" data-testid="reg-detail">
      <h2 id="reg-detail-title" className="reg-detail-title">
        Registration <span className="mono">{row.registrationId}</span>
      </h2>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{row.kind}</dd>
        <dt>Handle</dt>
        <dd className="mono reg-wrap" data-testid="reg-detail-handle">
          {row.handle || '—'}
        </dd>
        <dt>Tags</dt>
        <dd data-testid="reg-detail-tags">
          {row.tags.length ? (
            <ul className="reg-tag-list">
              {row.tags.map((tag) => (
                <li key={tag} className="mono">
                  {tag}
                </li>
              ))}
            </ul>
          ) : (
            'none'
          )}
        </dd>
        <dt>Installation</dt>
        <dd className="mono">{row.installationId ?? 'none (a registration made directly)'}</dd>
        <dt>Expires</dt>
        <dd>{row.expirationTime ?? '—'}</dd>
        {row.bodyTemplate !== null && (
          <>
            <dt>Template</dt>
            <dd>{row.templateName ?? '(unnamed)'}</dd>
          </>
        )}
      </dl>
      {row.bodyTemplate !== null && (
        <pre className="mono reg-template" data-testid="reg-detail-template" tabIndex={0} aria-label="Template body">
          {row.bodyTemplate}
        </pre>
      )}
      <div className="dialog-actions">
        {row.installationId && (
          <button type="button" data-testid="reg-edit" onClick={() => props.onEdit(row.installationId!)}>
            Edit installation…
          </button>
        )}
        {row.installationId ? (
          <button
            type="button"
            className="danger"
            data-testid="reg-delete-installation"
            onClick={() => props.onDelete({ noun: 'installation', id: row.installationId! })}
          >
            Delete installation…
          </button>
        ) : (
          <button
            type="button"
            className="danger"
            data-testid="reg-delete-registration"
            onClick={() => props.onDelete({ noun: 'registration', id: row.registrationId })}
          >
            Delete registration…
          </button>
        )}
      </div>
    </section>
  );
}
