import { useEffect, useRef, useState } from 'react';
import type { NhubRegistration, NhubRegistrationFilter } from '../../../shared/contract/nhub-registrations';
import { handleFilter } from '../../../shared/providers/nhub/registration-handle';
import { ErrorLine } from '../../components/ErrorLine';
import { useNhubRegistrations } from '../../state/nhub-registrations';
import { InstallationDialog, type EditTarget } from './InstallationDialog';
import { DeleteRegistrationDialog, type DeleteTarget } from './DeleteRegistrationDialog';
import { RegistrationDetail } from './RegistrationDetail';
import { shortHandle } from './format';
import './registrations.css';

type By = NhubRegistrationFilter['by'];

function FilterBar() {
  const search = useNhubRegistrations((s) => s.search);
  const loading = useNhubRegistrations((s) => s.loading);
  const [by, setBy] = useState<By>('all');
  const [value, setValue] = useState('');
  const text = value.trim();
  const filter: NhubRegistrationFilter | null =
    by === 'all' ? { by } : text ? (by === 'tag' ? { by, tag: text } : { by, handle: text }) : null;
  return (
    <form
      className="toolbar reg-filter"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (filter) void search(filter);
      }}
    >
      <label>
        Show
        <select value={by} data-testid="reg-filter-by" onChange={(e) => setBy(e.target.value as By)}>
          <option value="all">all registrations</option>
          <option value="tag">with the tag</option>
          <option value="handle">for the PNS handle</option>
        </select>
      </label>
      {by !== 'all' && (
        <input
          type="search"
          aria-label={by === 'tag' ? 'Tag' : 'PNS handle'}
          data-testid="reg-filter-value"
          placeholder={by === 'tag' ? 'sports' : 'APNs token, FCM token, channel URI or endpoint'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      )}
      <button type="submit" className="primary" data-testid="reg-search" disabled={!filter || loading !== null}>
        List
      </button>
      {by === 'handle' && text && <span className="hint">Compared as the {handleFilter(text).label}</span>}
    </form>
  );
}

/** An installation by its id, as the app knows it: quicker than a search, and a live hub lists a new one late. */
function OpenInstallation({ onOpen }: { onOpen(installationId: string): void }) {
  const [id, setId] = useState('');
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        if (id.trim()) onOpen(id.trim());
      }}
    >
      <label>
        Installation ID
        <input value={id} data-testid="reg-open-id" onChange={(e) => setId(e.target.value)} />
      </label>
      <button type="submit" data-testid="reg-open" disabled={!id.trim()}>
        Open installation…
      </button>
    </form>
  );
}

function Row({ row, selected, onSelect }: { row: NhubRegistration; selected: boolean; onSelect(): void }) {
  const userTags = row.tags.filter((tag) => !tag.startsWith('$InstallationId:'));
  return (
    <tr className={selected ? 'reg-selected' : undefined} data-testid="reg-row" aria-selected={selected}>
      <td>
        <button type="button" className="link mono" aria-pressed={selected} onClick={onSelect}>
          {row.registrationId}
        </button>
      </td>
      <td>{row.platform}</td>
      <td className="mono" title={row.handle}>
        {shortHandle(row.handle)}
      </td>
      <td className="reg-tags">{userTags.join(', ') || '—'}</td>
      <td>{row.templateName ?? (row.bodyTemplate !== null ? '(unnamed)' : '—')}</td>
      <td className="mono">{row.installationId ?? '—'}</td>
      <td>{row.expirationTime ? row.expirationTime.slice(0, 10) : '—'}</td>
    </tr>
  );
}

/**
 * A Notification Hubs credential's hub, as Service Bus Explorer shows it: registrations listed
 * a page at a time (all, by tag, by handle), one selected in full, installations added, edited
 * and deleted. Every call is an exchange on the Exchanges screen.
 */
export function RegistrationsView({ label }: { label: string }) {
  const state = useNhubRegistrations();
  const [editing, setEditing] = useState<EditTarget | null>(null);
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const selected = state.rows.find((row) => row.registrationId === state.selectedId) ?? null;
  const count = state.rows.length;
  const title = useRef<HTMLHeadingElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  // Next page goes away on the last page: focus moves to the first row it brought instead of the page.
  const nextPage = async () => {
    const before = count;
    await state.more();
    body.current?.querySelectorAll<HTMLElement>('tr button')[before]?.focus();
  };
  // The view replaces the list under the focused button; focus goes to its title instead of the page.
  useEffect(() => title.current?.focus(), []);
  return (
    <div className="registrations" data-testid="registrations">
      <div className="section-head">
        <h1 className="screen-title" ref={title} tabIndex={-1}>
          Registrations · {label}
        </h1>
        <div className="toolbar">
          {state.environment && (
            <span className={`env-badge env-${state.environment}`} data-testid="reg-environment">
              {state.environment === 'local' ? 'Local emulator' : 'Live hub'}
            </span>
          )}
          <button type="button" className="primary" data-testid="reg-add" onClick={() => setEditing({ mode: 'new' })}>
            Add installation…
          </button>
          <button type="button" data-testid="reg-back" onClick={state.close}>
            Back to credentials
          </button>
        </div>
      </div>
      <div className="reg-bars">
        <FilterBar />
        <OpenInstallation onOpen={(installationId) => setEditing({ mode: 'edit', installationId })} />
      </div>
      <ErrorLine error={state.error} />
      {state.notice && (
        <div className="banner banner-note" role="status" data-testid="reg-notice">
          {state.notice}
        </div>
      )}
      <p className="reg-count" role="status" data-testid="reg-count">
        {state.loading === 'first'
          ? 'Loading registrations…'
          : state.loaded
            ? `${count} registration${count === 1 ? '' : 's'} shown${state.continuationToken ? '; the hub has more' : ''}.`
            : ''}
      </p>
      <div className="reg-body">
        <table className="table reg-table" data-testid="reg-table" aria-busy={state.loading !== null}>
          <thead>
            <tr>
              <th>Registration</th>
              <th>Platform</th>
              <th>Handle</th>
              <th>Tags</th>
              <th>Template</th>
              <th>Installation</th>
              <th>Expires</th>
            </tr>
          </thead>
          <tbody ref={body}>
            {state.rows.map((row) => (
              <Row
                key={row.registrationId}
                row={row}
                selected={row.registrationId === state.selectedId}
                onSelect={() => state.select(row.registrationId === state.selectedId ? null : row.registrationId)}
              />
            ))}
          </tbody>
        </table>
        {state.loaded && count === 0 && state.loading === null && (
          <p className="hint" data-testid="reg-empty">
            No registrations match. Add an installation, or register devices from your app.
          </p>
        )}
        {state.continuationToken && (
          <button
            type="button"
            data-testid="reg-more"
            disabled={state.loading !== null}
            onClick={() => void nextPage()}
          >
            {state.loading === 'more' ? 'Loading…' : 'Next page'}
          </button>
        )}
        {selected && (
          <RegistrationDetail
            row={selected}
            onEdit={(installationId) => setEditing({ mode: 'edit', installationId })}
            onDelete={setDeleting}
          />
        )}
      </div>
      {editing && (
        <InstallationDialog
          target={editing}
          onClose={() => setEditing(null)}
          onDelete={(id) => {
            setEditing(null);
            setDeleting({ noun: 'installation', id });
          }}
        />
      )}
      {deleting && <DeleteRegistrationDialog target={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}
