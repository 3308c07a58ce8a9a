import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { DESKTOP_CSP, createMainWindow } from '../../../../main/electron/window-options';

/** Stands in for Electron's BrowserWindow and keeps the options the window was given. */
class RecordingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

describe('main window options', () => {
  const { options } = createMainWindow(RecordingWindow, '/app/out/preload/preload.cjs');
  const prefs = options.webPreferences!;

  it('isolates and sandboxes the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('has a strict CSP that still lets Monaco run its workers', () => {
    expect(DESKTOP_CSP).toContain("default-src 'self'");
    expect(DESKTOP_CSP).toContain("script-src 'self'");
    expect(DESKTOP_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(DESKTOP_CSP).toContain("worker-src 'self' blob:");
    expect(DESKTOP_CSP).toContain("object-src 'none'");
  });
});
