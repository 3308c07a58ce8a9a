import type { ReactElement } from 'react';
import type { CredentialKindOf, Provider } from '../../shared/providers/ids';
import type { NhubFormat } from '../../shared/providers/nhub/message';
import type { WnsType } from '../../shared/providers/wns/message';
import { AndroidNotification } from './compose/previews/AndroidNotification';
import { BrowserNotification } from './compose/previews/BrowserNotification';
import { IosBanner } from './compose/previews/IosBanner';
import { WnsPreview } from './compose/wns/WnsPreview';
import type { CredentialKindView } from './credentials/kind-view';
import { apnsCredentialViews } from './credentials/kinds/apns';
import { fcmCredentialViews } from './credentials/kinds/fcm';
import { nhubCredentialViews } from './credentials/kinds/nhub';
import { webpushCredentialViews } from './credentials/kinds/webpush';
import { wnsCredentialViews } from './credentials/kinds/wns';
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

/** How each screen shows one provider's messages and credentials. */
export interface ProviderView<P extends Provider = Provider> {
  /** The compose screen's preview of the draft, inside its Preview panel. */
  readonly Preview: (props: PreviewProps) => ReactElement;
  /** What a device would show for a delivery in the emulator inbox. */
  readonly inbox: (delivery: InboxDelivery) => RenderedNotification;
  /** The Credentials screen's import form and facts for each kind the provider sends with. */
  readonly credentials: { readonly [K in CredentialKindOf<P>]: CredentialKindView };
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
export const PROVIDER_VIEWS: { readonly [P in Provider]: ProviderView<P> } = {
  apns: {
    Preview: ({ payload }) => <IosBanner payload={payload} />,
    inbox: apnsInbox,
    credentials: apnsCredentialViews,
  },
  fcm: {
    Preview: ({ payload }) => <AndroidNotification payload={payload} />,
    inbox: fcmInbox,
    credentials: fcmCredentialViews,
  },
  wns: {
    Preview: ({ payload, options }) => <WnsPreview payload={payload} type={wnsType(options)} />,
    inbox: wnsInbox,
    credentials: wnsCredentialViews,
  },
  webpush: {
    Preview: ({ payload }) => <BrowserNotification payload={payload} />,
    inbox: webpushInbox,
    credentials: webpushCredentialViews,
  },
  nhub: { Preview: NhubPreview, inbox: nhubInbox, credentials: nhubCredentialViews },
};
