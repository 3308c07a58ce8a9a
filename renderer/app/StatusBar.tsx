import { useRef } from 'react';
import { DialogFooter } from '../components/DialogFooter';
import { useTabWrap } from '../components/ModalDialog';
import { useAppInfo } from '../state/app-info';
import { SHORTCUT_MOD, useCommands } from '../state/commands';
import { AppInfoPanel } from './AppInfoPanel';

export function StatusBar() {
  const { info, error, connected } = useAppInfo();
  const keychain = info?.keychain;
  const about = useRef<HTMLDialogElement>(null);
  useTabWrap(about);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-mode">
        {info ? (info.mode === 'electron' ? 'Desktop' : 'Browser mode') : error ? 'Not connected' : 'Connecting…'}
      </span>
      {!connected && (
        <span className="status-warn" data-testid="status-disconnected">
          Push Console stopped or restarted: open the new URL it printed. Reconnecting…
        </span>
      )}
      {keychain && (
        <span
          data-testid="status-keychain"
          className={
            keychain.state === 'unavailable' ? 'status-warn' : keychain.state === 'ephemeral' ? 'status-note' : ''
          }
          title={keychain.hint ?? keychain.message}
        >
          {keychain.state === 'available'
            ? `Keychain: ${keychain.message}`
            : keychain.state === 'ephemeral'
              ? 'Secrets: memory only (ephemeral)'
              : 'Keychain: unavailable'}
        </span>
      )}
      <span className="spacer" />
      <button
        type="button"
        className="link"
        data-testid="status-commands"
        onClick={() => useCommands.getState().setPaletteOpen(true)}
      >
        Commands <kbd>{SHORTCUT_MOD}K</kbd>
      </button>
      <button
        type="button"
        className="link"
        data-testid="status-shortcuts"
        onClick={() => useCommands.getState().setShortcutsOpen(true)}
      >
        Shortcuts <kbd>{SHORTCUT_MOD}/</kbd>
      </button>
      {info && (
        <button
          type="button"
          className="link status-about"
          data-testid="status-version"
          onClick={() => about.current?.showModal()}
        >
          {info.name} {info.version}
        </button>
      )}
      <dialog ref={about} className="dialog" aria-label="About Push Console" data-testid="about">
        <AppInfoPanel />
        <DialogFooter cancelLabel="Close" onCancel={() => about.current?.close()} />
      </dialog>
    </footer>
  );
}
