import { describe, expect, it } from 'vitest';
import { hardenContents, type GuardedContents } from '../../../../main/electron/hardening';
import { isTrustedSender } from '../../../../main/electron/trusted-sender';

type Listener = (...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  const state: {
    openHandler?: (details: { url: string }) => { action: string };
    permission?: (c: unknown, p: string, cb: (granted: boolean) => void) => void;
    check?: (c: unknown, p: string) => boolean;
  } = {};
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      state.openHandler = handler;
    },
    session: {
      setPermissionRequestHandler(handler: typeof state.permission) {
        state.permission = handler;
      },
      setPermissionCheckHandler(handler: typeof state.check) {
        state.check = handler;
      },
    },
  };
  return { contents: contents as unknown as GuardedContents, listeners, state };
}

function fire(listener: Listener | undefined, ...args: unknown[]) {
  let prevented = false;
  listener?.({ preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

describe('webContents hardening', () => {
  it('denies navigation, redirects, webviews, window.open and permissions', () => {
    const { contents, listeners, state } = fakeContents();
    const logged: string[] = [];
    hardenContents(contents, (line) => logged.push(line));
    expect(fire(listeners.get('will-navigate'), 'https://evil.example/')).toBe(true);
    expect(fire(listeners.get('will-redirect'), 'https://evil.example/')).toBe(true);
    expect(fire(listeners.get('will-attach-webview'), {}, {})).toBe(true);
    expect(state.openHandler?.({ url: 'https://evil.example/x?token=1' })).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    state.permission?.({}, 'notifications', (value) => (granted = value));
    expect(granted).toBe(false);
    expect(state.check?.({}, 'clipboard-read')).toBe(false);
    // Logged URLs drop query strings, which may carry tokens.
    expect(logged.join('\n')).not.toContain('token=1');
  });
});

describe('trusted IPC sender', () => {
  const appUrl = 'app://push-console/index.html';
  const ok = { senderId: 7, frameUrl: 'app://push-console/index.html', isMainFrame: true };

  it('accepts the main frame of our window on our page', () => {
    expect(isTrustedSender(ok, 7, appUrl)).toBe(true);
  });

  it('refuses other windows, subframes, foreign pages and unknown frames', () => {
    expect(isTrustedSender({ ...ok, senderId: 8 }, 7, appUrl)).toBe(false);
    expect(isTrustedSender(ok, null, appUrl)).toBe(false);
    expect(isTrustedSender({ ...ok, isMainFrame: false }, 7, appUrl)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'https://evil.example/index.html' }, 7, appUrl)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'file:///index.html' }, 7, appUrl)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: null }, 7, appUrl)).toBe(false);
  });
});
