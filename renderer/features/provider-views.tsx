import type { ReactElement } from 'react';
import type { Provider } from '../../shared/domain/exchange';
import type { NhubFormat } from '../../shared/providers/nhub/message';
import type { WnsType } from '../../shared/providers/wns/message';
import { AndroidNotification } from './compose/previews/AndroidNotification';
import { BrowserNotification } from './compose/previews/BrowserNotification';
import { IosBanner } from './compose/previews/IosBanner';
import { WnsPreview } from './compose/wns/WnsPreview';
import {
  apnsInbox,
  fcmInbox,
  nhubInbox,
  webpushInbox,
  wnsInbox,
  type InboxDelivery,
  type RenderedNotification,
} from './emulators/inbox-renderers';

export interface PreviewProps {
  payload: string;
  options: Record<string, unknown>;
}

/** How each screen shows one provider's messages. */
export interface ProviderView {
  /** The compose screen's preview of the draft, inside its Preview panel. */
  readonly Preview: (props: PreviewProps) => ReactElement;
  /** What a device would show for a delivery in the emulator inbox. */
  readonly inbox: (delivery: InboxDelivery) => RenderedNotification;
}

/** WNS's own `type`, or Notification Hubs' `wnsType` (`wns/toast`), or the XML root decides. */
function wnsType(options: Record<string, unknown>): WnsType {
  const raw = String(options['wnsType'] ?? options['type'] ?? 'toast').replace(/^wns\//, '');
  return (['toast', 'tile', 'badge', 'raw'].includes(raw) ? raw : 'toast') as WnsType;
}

/** The Notification Hubs formats whose payload is another provider's own. */
const NHUB_FORMAT_PREVIEWS: Partial<Record<NhubFormat, Exclude<Provider, 'nhub'>>> = {
  apple: 'apns',
  fcmv1: 'fcm',
  gcm: 'fcm',
  windows: 'wns',
  browser: 'webpush',
};

function NhubPreview({ payload, options }: PreviewProps) {
  const format = String(options['format'] ?? '');
  const shown = NHUB_FORMAT_PREVIEWS[format as NhubFormat];
  if (!shown) return <p className="preview-note">No preview for the {format || 'chosen'} format.</p>;
  const { Preview } = PROVIDER_VIEWS[shown];
  return <Preview payload={payload} options={options} />;
}

/** One entry per provider, so a provider without its views does not compile. */
export const PROVIDER_VIEWS: Record<Provider, ProviderView> = {
  apns: { Preview: ({ payload }) => <IosBanner payload={payload} />, inbox: apnsInbox },
  fcm: { Preview: ({ payload }) => <AndroidNotification payload={payload} />, inbox: fcmInbox },
  wns: { Preview: ({ payload, options }) => <WnsPreview payload={payload} type={wnsType(options)} />, inbox: wnsInbox },
  webpush: { Preview: ({ payload }) => <BrowserNotification payload={payload} />, inbox: webpushInbox },
  nhub: { Preview: NhubPreview, inbox: nhubInbox },
};
