import type { Provider } from '../../../../shared/domain/exchange';
import { AndroidNotification } from './AndroidNotification';
import { BrowserNotification } from './BrowserNotification';
import { IosBanner } from './IosBanner';
import { WnsPreview } from '../wns/WnsPreview';
import type { WnsType } from '../../../../shared/providers/wns/message';
import './previews.css';

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
  let body;
  const format = String(options['format'] ?? '');
  if (provider === 'apns' || (provider === 'nhub' && format === 'apple')) body = <IosBanner payload={payload} />;
  else if (provider === 'fcm' || (provider === 'nhub' && (format === 'fcmv1' || format === 'gcm')))
    body = <AndroidNotification payload={payload} />;
  else if (provider === 'wns' || (provider === 'nhub' && format === 'windows'))
    body = <WnsPreview payload={payload} type={wnsType(options)} />;
  else if (provider === 'webpush' || (provider === 'nhub' && format === 'browser'))
    body = <BrowserNotification payload={payload} />;
  else body = <p className="preview-note">No preview for the {format || 'chosen'} format.</p>;
  return (
    <section className="preview" aria-label="Preview" data-testid="preview">
      <h3>Preview</h3>
      {body}
    </section>
  );
}

/** WNS's own `type`, or Notification Hubs' `wnsType` (`wns/toast`), or the XML root decides. */
function wnsType(options: Record<string, unknown>): WnsType {
  const raw = String(options['wnsType'] ?? options['type'] ?? 'toast').replace(/^wns\//, '');
  return (['toast', 'tile', 'badge', 'raw'].includes(raw) ? raw : 'toast') as WnsType;
}
