import { deviceKind, type Device } from '../../../shared/domain/device';
import type { Provider } from '../../../shared/domain/exchange';
import type { Draft } from '../../../shared/domain/profile';
import { DEVICE_KIND_WORDS } from '../../../shared/providers/apns/device-kinds';
import {
  fitsLiveActivity,
  liveActivityAsk,
  type LiveActivityAsk,
} from '../../../shared/providers/apns/live-activity-targets';
import { providerSpec } from '../../../shared/providers';
import { detectTarget, targetMismatch } from '../../../shared/providers/detect-target';
import { pushServiceNote } from '../../../shared/providers/webpush/service-notes';
import { useEffect, useMemo } from 'react';
import { useDevices } from '../../state/devices';

export function TargetInput({
  provider,
  value,
  liveActivityPayload,
  onChange,
  onPick,
}: {
  provider: Provider;
  value: string;
  /** An APNs Live Activity push's payload: the picker offers the devices its event goes to. */
  liveActivityPayload: string | null;
  onChange(v: string): void;
  /** A saved device chosen (a channel is sent as a broadcast, so the composer sets its channel too). */
  onPick(device: Device): void;
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
  const ask = useMemo(
    () => (liveActivityPayload === null ? null : liveActivityAsk(liveActivityPayload)),
    [liveActivityPayload],
  );
  const active = useMemo(() => all.filter((d) => d.provider === provider && d.state === 'active'), [all, provider]);
  const saved = useMemo(
    () => (provider === 'apns' ? active.filter((d) => offered(d, ask)) : active),
    [active, ask, provider],
  );
  return (
    <div className="target">
      <label htmlFor="target-input">Target</label>
      {active.length > 0 && (
        <select
          aria-label="Saved devices"
          data-testid="target-device"
          value={saved.find((d) => d.target === value)?.id ?? ''}
          onChange={(e) => {
            const device = saved.find((d) => d.id === e.target.value);
            if (device) onPick(device);
          }}
        >
          <option value="">{pickerPrompt(ask, saved.length)}</option>
          {saved.map((device) => (
            <option key={device.id} value={device.id}>
              {device.label} ({device.environment}
              {provider === 'apns' && deviceKind(device) !== 'token'
                ? ` · ${DEVICE_KIND_WORDS[deviceKind(device)]}${device.attributesType ? ` · ${device.attributesType}` : ''}`
                : ''}
              )
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

/** APNs: a Live Activity push offers the kinds its event goes to; any other push, ordinary tokens. */
function offered(device: Device, ask: LiveActivityAsk | null): boolean {
  const kind = deviceKind(device);
  if (ask === null) return kind === 'token';
  return fitsLiveActivity({ kind, ...(device.attributesType ? { attributesType: device.attributesType } : {}) }, ask);
}

/** The picker's first line says what it offers, and when nothing fits, that nothing does. */
function pickerPrompt(ask: LiveActivityAsk | null, count: number): string {
  if (ask === null) return count > 0 ? 'Saved devices…' : 'No saved device tokens';
  const type = ask.attributesType ? ` for ${ask.attributesType}` : '';
  if (ask.event === 'start') return count > 0 ? `Push-to-start tokens${type}…` : `No saved push-to-start token${type}`;
  if (ask.event === null) return count > 0 ? 'Live Activity tokens and channels…' : 'No saved Live Activity tokens';
  return count > 0 ? `Update tokens and channels${type}…` : `No saved update token or channel${type}`;
}

/**
 * A saved device as the draft's target: a broadcast channel is sent as a broadcast (its id is the
 * channel, as the Channels view sends), and any other device is a device push again.
 */
export function pickedDevice(device: Device, options: Record<string, unknown>): Partial<Draft> {
  const { channelId: _channel, ...rest } = options;
  if (device.provider === 'apns' && device.kind === 'channel')
    return { target: device.target, options: { ...rest, channelId: device.target } };
  return { target: device.target, options: 'channelId' in options ? rest : options };
}
