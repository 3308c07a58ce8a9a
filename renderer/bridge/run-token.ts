const KEY = 'push-console.run-token';

/**
 * Browser mode's per-run token. The printed address carries it in the fragment (`#token=…`),
 * which the browser never sends to any server; the page keeps it in this tab's sessionStorage
 * (this origin only, so this port only) for reloads, and takes it out of the address bar so it
 * is not shared by copy-paste or kept in browser history. Only our socket is ever given it.
 */
export function takeRunToken(): string | null {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    sessionStorage.setItem(KEY, fromFragment);
    history.replaceState(null, '', location.pathname + location.search);
    return fromFragment;
  }
  return sessionStorage.getItem(KEY);
}

/**
 * Pasting the full address into a tab already on the bare one changes only the fragment, which
 * reloads nothing: start again then, so the token is taken.
 */
export function reloadWhenTokenArrives(): void {
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(location.hash.slice(1)).has('token')) location.reload();
  });
}
