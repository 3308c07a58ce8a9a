import { useState } from 'react';
import type { SendResult } from '../../../shared/domain/send-result';
import { toShownError, type ShownError } from '../../bridge';
import { DialogFooter } from '../../components/DialogFooter';
import { ErrorLine } from '../../components/ErrorLine';
import { ModalDialog } from '../../components/ModalDialog';
import { useApnsChannels } from '../../state/apns-channels';
import { environmentWords } from './format';

/** Asks before deleting: every Live Activity subscribed to the channel stops getting its broadcasts. */
export function DeleteChannelDialog({ channelId, onClose }: { channelId: string; onClose(): void }) {
  const remove = useApnsChannels((s) => s.remove);
  const environment = useApnsChannels((s) => s.environment);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = () => {
    setBusy(true);
    remove(channelId).then(onClose, (err: unknown) => {
      setBusy(false);
      setError(toShownError(err));
    });
  };
  return (
    <ModalDialog title="Delete this channel?" testId="channel-delete-dialog" onClose={onClose} alert>
      <p>
        <span className="mono channel-id">{channelId}</span> goes from {environmentWords(environment)}. Live Activities
        subscribed to it get no more broadcasts, and sends to it fail with ChannelNotRegistered. This cannot be undone.
      </p>
      <ErrorLine error={error} />
      <DialogFooter
        onCancel={onClose}
        cancelFirst
        primary={busy ? 'Deleting…' : 'Delete'}
        primaryTestId="channel-delete-confirm"
        primaryDisabled={busy}
        onPrimary={run}
        tone="danger"
      />
    </ModalDialog>
  );
}

/**
 * Keeps a channel as a Broadcast channel device: a label, and the ActivityAttributes type its
 * activities are (the device editor asks the same), so preflight can hold broadcasts to its contract.
 */
export function SaveChannelDialog({ channelId, onClose }: { channelId: string; onClose(): void }) {
  const save = useApnsChannels((s) => s.saveAsDevice);
  const [label, setLabel] = useState(`Broadcast channel ${channelId.slice(0, 8)}`);
  const [attributesType, setAttributesType] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ModalDialog title="Save this channel as a device" testId="channel-save-dialog" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          save(channelId, { label: label.trim(), attributesType: attributesType.trim() }).then(
            onClose,
            (err: unknown) => {
              setBusy(false);
              setError(toShownError(err));
            },
          );
        }}
      >
        <p>
          <span className="mono channel-id">{channelId}</span> becomes a Broadcast channel device: Compose and Bulk can
          pick it, and a send to it is a broadcast.
        </p>
        <label className="field">
          Label
          <input value={label} data-testid="channel-save-label" onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label className="field">
          Attributes type
          <input
            value={attributesType}
            data-testid="channel-save-attributes"
            placeholder="DeliveryAttributes"
            autoFocus
            onChange={(e) => {
              setAttributesType(e.target.value);
              // The refusal was about what was typed before.
              setError(null);
            }}
          />
        </label>
        <p className="hint">The Swift ActivityAttributes type of the activities subscribed to this channel.</p>
        <ErrorLine error={error} testId="channel-save-error" />
        <DialogFooter
          onCancel={onClose}
          primary={busy ? 'Saving…' : 'Save device'}
          primaryTestId="channel-save-confirm"
          primaryDisabled={busy || label.trim() === ''}
        />
      </form>
    </ModalDialog>
  );
}

const UPDATE_PAYLOAD = (now: number) =>
  JSON.stringify({ aps: { timestamp: Math.floor(now / 1000), event: 'update', 'content-state': {} } }, null, 2);

/** One broadcast to the channel: the Live Activity payload, its priority and expiration. */
export function BroadcastDialog({ channelId, onClose }: { channelId: string; onClose(): void }) {
  const broadcast = useApnsChannels((s) => s.broadcast);
  const environment = useApnsChannels((s) => s.environment);
  const stored = useApnsChannels((s) => s.details[channelId]?.storagePolicy);
  const [payload, setPayload] = useState(() => UPDATE_PAYLOAD(Date.now()));
  const [priority, setPriority] = useState<10 | 5 | 1>(10);
  const [expiration, setExpiration] = useState('0');
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SendResult | null>(null);
  const expirationValid = /^\d+$/.test(expiration.trim());
  const run = () => {
    setBusy(true);
    setError(null);
    broadcast(channelId, { payload, priority, expiration: Number(expiration.trim()) }).then(
      (answer) => {
        setBusy(false);
        setResult(answer);
      },
      (err: unknown) => {
        setBusy(false);
        setError(toShownError(err));
      },
    );
  };
  return (
    <ModalDialog title="Broadcast to the channel" testId="channel-broadcast-dialog" onClose={onClose}>
      <p>
        Every Live Activity subscribed to <span className="mono channel-id">{channelId}</span> in{' '}
        {environmentWords(environment)} gets this update.
      </p>
      <label className="field">
        Payload
        <textarea
          className="mono channel-payload"
          data-testid="channel-broadcast-payload"
          rows={8}
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
        />
      </label>
      <div className="channel-fields">
        <label className="field">
          Priority
          <select
            value={priority}
            data-testid="channel-broadcast-priority"
            onChange={(e) => setPriority(Number(e.target.value) as 10 | 5 | 1)}
          >
            <option value={10}>10 (immediate)</option>
            <option value={5}>5 (power-aware)</option>
            <option value={1}>1 (never wakes)</option>
          </select>
        </label>
        <label className="field">
          Expiration
          <input
            inputMode="numeric"
            data-testid="channel-broadcast-expiration"
            value={expiration}
            aria-invalid={!expirationValid}
            onChange={(e) => setExpiration(e.target.value)}
          />
        </label>
      </div>
      <p className="hint">
        {stored === 1
          ? 'This channel keeps its most recent message for up to 8 hours: any UNIX time, or 0.'
          : 'A channel that stores no message takes only 0 (APNs answers BadExpirationDate otherwise).'}
      </p>
      <ErrorLine error={error} />
      {result && (
        <div
          className={result.outcome === 'accepted' ? 'banner banner-note' : 'banner banner-warn'}
          role="status"
          data-testid="channel-broadcast-result"
        >
          {result.outcome === 'accepted'
            ? `Accepted (${result.status}); request id ${result.messageIds['apns-request-id'] ?? '—'}.`
            : `${result.status ?? ''} ${result.reason ?? ''}: ${result.explanation ?? ''} ${result.hint ?? ''}`}
        </div>
      )}
      <DialogFooter
        onCancel={onClose}
        cancelLabel={result ? 'Close' : 'Cancel'}
        primary={busy ? 'Sending…' : 'Broadcast'}
        primaryTestId="channel-broadcast-send"
        primaryDisabled={busy || !expirationValid || payload.trim() === ''}
        onPrimary={run}
      />
    </ModalDialog>
  );
}
