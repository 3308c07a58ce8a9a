/**
 * Sandboxed preload: exposes one function per contract call and one subscription per contract
 * event, nothing generic (no channel names from the page, no raw ipcRenderer). The only file in
 * the renderer's world allowed to touch `ipcRenderer`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_PREFIX, IPC_EVENT_PREFIX, callNames, eventNames, type PreloadApi } from '../shared/contract';

const calls = Object.fromEntries(
  callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(IPC_CALL_PREFIX + name, input)]),
);

const events = Object.fromEntries(
  eventNames.map((name) => [
    name,
    (listener: (payload: unknown) => void) => {
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(IPC_EVENT_PREFIX + name, wrapped);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT_PREFIX + name, wrapped);
      };
    },
  ]),
);

const api = { calls, events } as unknown as PreloadApi;
contextBridge.exposeInMainWorld('pushConsole', api);
