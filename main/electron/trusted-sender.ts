/**
 * Decides whether an IPC message came from our own window showing our own page. Frames from
 * anywhere else (a navigated-away page, an injected iframe) are refused before dispatch.
 */
export interface SenderInfo {
  /** webContents id of the sender. */
  senderId: number;
  /** URL of the frame that sent the message, or null when Electron could not tell. */
  frameUrl: string | null;
  /** Whether the message came from the top frame. */
  isMainFrame: boolean;
}

export function isTrustedSender(info: SenderInfo, windowContentsId: number | null, appUrl: string): boolean {
  if (windowContentsId === null || info.senderId !== windowContentsId) return false;
  if (!info.isMainFrame || info.frameUrl === null) return false;
  try {
    const frame = new URL(info.frameUrl);
    const app = new URL(appUrl);
    return frame.protocol === app.protocol && frame.host === app.host && frame.pathname === app.pathname;
  } catch {
    return false;
  }
}
