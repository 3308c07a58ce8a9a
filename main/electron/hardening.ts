/**
 * Security rules for every webContents, written against the few Electron methods they need so
 * they can be tested with plain objects. Everything here denies: navigation, new windows,
 * webviews and permission requests.
 */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(
    event: 'will-attach-webview',
    listener: (event: { preventDefault(): void }, webPreferences: unknown, params: unknown) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  session: {
    setPermissionRequestHandler(
      handler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    ): void;
    setPermissionCheckHandler(handler: ((contents: unknown, permission: string) => boolean) | null): void;
  };
}

export function hardenContents(contents: GuardedContents, log: (line: string) => void = () => {}): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log(`[security] navigation to ${safeUrl(url)} denied`);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log(`[security] redirect to ${safeUrl(url)} denied`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[security] webview denied');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`[security] window.open(${safeUrl(url)}) denied`);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`[security] permission "${permission}" denied`);
    callback(false);
  });
  contents.session.setPermissionCheckHandler(() => false);
}

function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}
