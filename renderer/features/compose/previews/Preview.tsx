import type { Provider } from '../../../../shared/domain/exchange';
import { PROVIDER_VIEWS } from '../../provider-views';
import { LiveActivityPreview } from './LiveActivityPreview';
import { obj, tryJson } from './parse';
import './previews.css';

/**
 * The `aps` of a Live Activity push in the draft: an APNs push of type liveactivity, or an FCM
 * message routed to a Live Activity by `apns.live_activity_token`. Null for anything else.
 */
function liveActivityAps(provider: Provider, payload: string, options: Record<string, unknown>) {
  const json = tryJson(payload);
  if (!json) return null;
  if (provider === 'apns') return options['pushType'] === 'liveactivity' ? obj(json['aps']) : null;
  if (provider !== 'fcm') return null;
  const apns = obj(obj(json['message'] ?? json)['apns']);
  return typeof apns['live_activity_token'] === 'string' ? obj(obj(apns['payload'])['aps']) : null;
}

/** The preview for the current provider (and for Notification Hubs, for the chosen format). */
export function Preview({
  provider,
  payload,
  options,
}: {
  provider: Provider;
  payload: string;
  options: Record<string, unknown>;
}) {
  const { Preview: Body } = PROVIDER_VIEWS[provider];
  const aps = liveActivityAps(provider, payload, options);
  return (
    <section className="preview" aria-label="Preview" data-testid="preview">
      <h3>Preview</h3>
      {/* A Live Activity push is shown as the activity; its alert lights the screen with it, not as a banner. */}
      {!(aps && provider === 'apns') && <Body payload={payload} options={options} />}
      {aps && provider === 'fcm' && <h4 className="la-heading">Live Activity (apns.live_activity_token)</h4>}
      {aps && <LiveActivityPreview aps={aps} />}
    </section>
  );
}
