import { useEffect, useRef, useState } from 'react';
import type { CredentialMeta } from '../../../shared/domain/credential';
import { ErrorLine } from '../../components/ErrorLine';
import { useAppInfo } from '../../state/app-info';
import { useCredentials } from '../../state/credentials';
import { useApnsChannels } from '../../state/apns-channels';
import { useNhubRegistrations } from '../../state/nhub-registrations';
import { ChannelsView } from '../apns-channels/ChannelsView';
import { useChannelsCommands } from '../apns-channels/channels-commands';
import { RegistrationsView } from '../nhub-registrations/RegistrationsView';
import { useRegistrationsCommands } from '../nhub-registrations/registrations-commands';
import { CredentialRow, type RowAction } from './CredentialRow';
import { ImportDialog } from './ImportDialog';
import { DeleteDialog, RenameDialog, VapidDialog } from './SmallDialogs';
import './credentials.css';

type Open = { dialog: 'import' } | { dialog: 'vapid' } | { dialog: RowAction; meta: CredentialMeta } | null;

export function CredentialsScreen() {
  const { items, loaded, error, load } = useCredentials();
  const keychain = useAppInfo((s) => s.info?.keychain);
  const [open, setOpen] = useState<Open>(null);
  // Again when the secret store changes (e.g. to memory after the banner's offer): only then can
  // main say which secrets are missing. Not when it first becomes known: that is the first load.
  const store = keychain?.state;
  const seenStore = useRef<string | undefined>(undefined);
  const loadedOnce = useRef(false);
  useEffect(() => {
    const previous = seenStore.current;
    seenStore.current = store;
    if (!loadedOnce.current) {
      loadedOnce.current = true;
      void load();
    } else if (previous !== undefined && previous !== store) {
      void load();
    }
  }, [load, store]);
  const close = () => setOpen(null);
  const blocked = keychain?.state === 'unavailable';
  const registrationsOf = useNhubRegistrations((s) => s.credentialId);
  const channelsOf = useApnsChannels((s) => s.credentialId);
  useRegistrationsCommands(items);
  useChannelsCommands(items);
  // Back from a hub's registrations or a key's channels puts focus on the button that opened them.
  useFocusBack(registrationsOf, 'data-registrations-for');
  useFocusBack(channelsOf, 'data-channels-for');

  // A hub's registrations take the screen; Back returns to the list.
  if (registrationsOf !== null) {
    const label = items.find((m) => m.id === registrationsOf)?.label ?? 'Notification Hub';
    return <RegistrationsView label={label} />;
  }
  if (channelsOf !== null) {
    const label = items.find((m) => m.id === channelsOf)?.label ?? 'APNs';
    return <ChannelsView label={label} />;
  }

  return (
    <div className="credentials" data-testid="credentials">
      <div className="section-head">
        <h1 className="screen-title">Credentials</h1>
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            data-testid="cred-import"
            disabled={blocked}
            onClick={() => setOpen({ dialog: 'import' })}
          >
            Import…
          </button>
          <button
            type="button"
            data-testid="cred-generate-vapid"
            disabled={blocked}
            onClick={() => setOpen({ dialog: 'vapid' })}
          >
            Generate VAPID keys…
          </button>
        </div>
      </div>
      {blocked && (
        <div className="banner banner-warn" role="alert" data-testid="cred-keychain-unavailable">
          <strong>Imports are off. {keychain.message}</strong> {keychain.hint}
        </div>
      )}
      {keychain?.state === 'ephemeral' && (
        <p className="cred-note" data-testid="cred-ephemeral">
          {keychain.message}
        </p>
      )}
      <ErrorLine error={error} />
      {loaded && items.length === 0 && !error && (
        <p className="cred-note">
          No credentials yet. Import an APNs key or certificate, an FCM service account, WNS, VAPID or Notification Hubs
          credentials;{' '}
          {keychain?.state === 'ephemeral'
            ? 'this run keeps their secrets in memory and forgets them when it ends.'
            : 'secrets stay in the OS keychain.'}
        </p>
      )}
      <ul className="stack-list">
        {items.map((meta) => (
          <CredentialRow key={meta.id} meta={meta} onAction={(dialog) => setOpen({ dialog, meta })} />
        ))}
      </ul>
      {open?.dialog === 'import' && <ImportDialog onClose={close} />}
      {open?.dialog === 'vapid' && <VapidDialog onClose={close} />}
      {open?.dialog === 'replace' && <ImportDialog replacing={open.meta} onClose={close} />}
      {open?.dialog === 'rename' && <RenameDialog meta={open.meta} onClose={close} />}
      {open?.dialog === 'delete' && <DeleteDialog meta={open.meta} onClose={close} />}
    </div>
  );
}

/** When the view opened for `openFor` closes, focus returns to the row button that carries its id in `attribute`. */
function useFocusBack(openFor: string | null, attribute: string): void {
  const last = useRef<string | null>(null);
  useEffect(() => {
    const previous = last.current;
    last.current = openFor;
    if (previous && !openFor) {
      document.querySelector<HTMLElement>(`[${attribute}="${CSS.escape(previous)}"]`)?.focus();
    }
  }, [openFor, attribute]);
}
