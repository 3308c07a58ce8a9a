import type { BrowserWindowConstructorOptions } from 'electron';
import { contentSecurityPolicy } from '../core/renderer-csp';

/** Electron's BrowserWindow, or a test's stand-in that records its options. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * The one window. Its options are written out as a literal at the `new BrowserWindow(...)` itself
 * because that is where scanners (electronegativity) and reviewers look; options built by a helper
 * read to them as no hardening at all. The constructor is passed in so this file needs no Electron
 * at runtime and a unit test can check what the window really gets.
 */
export function createMainWindow<W>(BrowserWindow: WindowConstructor<W>, preloadPath: string): W {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Push Console',
    backgroundColor: '#1e1f24',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would open links in new windows (denied anyway by the window-open handler).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
}

/** The renderer's CSP for the desktop window (browser mode sends its own header). */
export const DESKTOP_CSP = contentSecurityPolicy({ connect: [] });
