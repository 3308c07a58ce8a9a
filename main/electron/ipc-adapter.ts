import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL_PREFIX, IPC_EVENT_PREFIX, callNames } from '../../shared/contract';
import type { Core } from '../core/core';
import { isTrustedSender } from './trusted-sender';

/**
 * Electron's carrier for the contract: one `ipcMain.handle` per call name, every message's sender
 * checked against our window and page, and events forwarded to that window only. The only file
 * in main allowed to touch `ipcMain`.
 */
export function attachIpc(core: Core, getWindow: () => BrowserWindow | null, appUrl: string): () => void {
  const isTrusted = (event: IpcMainInvokeEvent) => {
    const window = getWindow();
    return isTrustedSender(
      {
        senderId: event.sender.id,
        frameUrl: event.senderFrame?.url ?? null,
        isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
      },
      window && !window.isDestroyed() ? window.webContents.id : null,
      appUrl,
    );
  };
  for (const name of callNames) {
    ipcMain.handle(IPC_CALL_PREFIX + name, (event, input: unknown) =>
      core.dispatch(name, input, { transport: 'ipc', trusted: isTrusted(event) }),
    );
  }
  const unsubscribe = core.events.subscribeRenderer((event, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT_PREFIX + event, payload);
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(IPC_CALL_PREFIX + name);
  };
}
