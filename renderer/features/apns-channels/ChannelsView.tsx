import { useEffect, useRef, useState } from 'react';
import {
  APNS_CHANNEL_LIMIT,
  STORAGE_POLICY_WORDS,
  type ApnsStoragePolicy,
} from '../../../shared/providers/apns/channels';
import { toShownError, type ShownError } from '../../bridge';
import { ErrorLine } from '../../components/ErrorLine';
import { useApnsChannels, type ChannelEnvironment } from '../../state/apns-channels';
import { BroadcastDialog, DeleteChannelDialog, SaveChannelDialog } from './ChannelDialogs';
import './channels.css';

const ENVIRONMENTS: [ChannelEnvironment, string][] = [
  ['sandbox', 'Sandbox'],
  ['production', 'Production'],
  ['local', 'Local emulator'],
];

/** Which environment and app: channels cannot be shared between sandbox and production. */
function WhereBar() {
  const environment = useApnsChannels((s) => s.environment);
  const bundleId = useApnsChannels((s) => s.bundleId);
  const loading = useApnsChannels((s) => s.loading);
  const list = useApnsChannels((s) => s.list);
  // Keyed by the bundle id main answered with, so a new answer starts the field afresh.
  const [app, setApp] = useState(bundleId ?? '');
  return (
    <form
      className="toolbar channel-where"
      onSubmit={(e) => {
        e.preventDefault();
        void list({ bundleId: app.trim() });
      }}
    >
      <label>
        Environment
        <select
          value={environment ?? ''}
          data-testid="channels-environment"
          disabled={loading}
          onChange={(e) => void list({ environment: e.target.value as ChannelEnvironment })}
        >
          {environment === null && <option value="">…</option>}
          {ENVIRONMENTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Bundle ID
        <input
          value={app}
          data-testid="channels-bundle"
          placeholder="com.example.app"
          onChange={(e) => setApp(e.target.value)}
        />
      </label>
      <button type="submit" data-testid="channels-list" disabled={loading || app.trim() === ''}>
        List
      </button>
    </form>
  );
}

function CreateForm() {
  const create = useApnsChannels((s) => s.create);
  const full = useApnsChannels((s) => s.limit !== null && s.channels.length >= s.limit);
  const [policy, setPolicy] = useState<ApnsStoragePolicy>(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  return (
    <form
      className="channel-create"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        create(policy).then(
          () => setBusy(false),
          (err: unknown) => {
            setBusy(false);
            setError(toShownError(err));
          },
        );
      }}
    >
      <fieldset className="channel-policy">
        <legend>Message storage policy</legend>
        {([0, 1] as const).map((value) => (
          <label key={value} className="field-check">
            <input
              type="radio"
              name="storage-policy"
              value={value}
              data-testid={`channels-policy-${value}`}
              checked={policy === value}
              onChange={() => setPolicy(value)}
            />
            {value}: {STORAGE_POLICY_WORDS[value]}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" data-testid="channels-create" disabled={busy || full}>
        {busy ? 'Creating…' : 'Create channel'}
      </button>
      {full && <span className="hint">At the limit: delete a channel first.</span>}
      <ErrorLine error={error} />
    </form>
  );
}

/**
 * An APNs credential's broadcast channels (iOS 18) in one environment: listed with the count
 * against Apple's 10,000, created with a storage policy, read, broadcast to and deleted on the
 * channel management host. Every call is an exchange on the Exchanges screen.
 */
export function ChannelsView({ label }: { label: string }) {
  const state = useApnsChannels();
  const [deleting, setDeleting] = useState<string | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // The view replaces the list under the focused button; focus goes to its title instead of the page.
  useEffect(() => title.current?.focus(), []);
  const limit = state.limit ?? APNS_CHANNEL_LIMIT;
  const count = state.channels.length;
  return (
    <div className="channels" data-testid="channels">
      <div className="section-head">
        <h1 className="screen-title" ref={title} tabIndex={-1}>
          Broadcast channels · {label}
        </h1>
        <div className="toolbar">
          {state.environment && (
            <span className={`env-badge env-${state.environment}`} data-testid="channels-env-badge">
              {ENVIRONMENTS.find(([value]) => value === state.environment)?.[1]}
            </span>
          )}
          <button type="button" data-testid="channels-back" onClick={state.close}>
            Back to credentials
          </button>
        </div>
      </div>
      <WhereBar key={state.bundleId ?? ''} />
      <ErrorLine error={state.error} />
      {state.notice && (
        <div className="banner banner-note" role="status" data-testid="channels-notice">
          {state.notice}
        </div>
      )}
      <p className="channel-count" role="status" data-testid="channels-count">
        {state.loading && !state.loaded
          ? 'Loading channels…'
          : state.loaded
            ? `${count.toLocaleString('en-US')} / ${limit.toLocaleString('en-US')} channels in this environment${state.bundleId ? ` for ${state.bundleId}` : ''}.`
            : ''}
      </p>
      {state.loaded && <CreateForm />}
      <table className="table channel-table" data-testid="channels-table" aria-busy={state.loading}>
        <thead>
          <tr>
            <th>Channel ID</th>
            <th>Storage</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {state.channels.map((id) => {
            const detail = state.details[id];
            return (
              <tr key={id} data-testid="channel-row" data-channel-id={id}>
                <td className="mono channel-id">{id}</td>
                <td>
                  {detail ? (
                    STORAGE_POLICY_WORDS[detail.storagePolicy]
                  ) : (
                    <button
                      type="button"
                      className="link"
                      data-testid="channel-read"
                      onClick={() => void state.read(id)}
                    >
                      Read
                    </button>
                  )}
                </td>
                <td className="channel-actions">
                  <button type="button" data-testid="channel-broadcast" onClick={() => setSending(id)}>
                    Broadcast…
                  </button>
                  <button
                    type="button"
                    data-testid="channel-save-device"
                    title="Keep this channel as a Broadcast channel device, for Compose and Bulk"
                    onClick={() => setSaving(id)}
                  >
                    Save as device…
                  </button>
                  <button type="button" className="danger" data-testid="channel-delete" onClick={() => setDeleting(id)}>
                    Delete…
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {state.loaded && count === 0 && !state.loading && (
        <p className="hint" data-testid="channels-empty">
          No channels for this app here yet. Create one, then subscribe Live Activities to it from the app (pushType:
          .channel(id)).
        </p>
      )}
      {deleting && <DeleteChannelDialog channelId={deleting} onClose={() => setDeleting(null)} />}
      {sending && <BroadcastDialog channelId={sending} onClose={() => setSending(null)} />}
      {saving && <SaveChannelDialog channelId={saving} onClose={() => setSaving(null)} />}
    </div>
  );
}
