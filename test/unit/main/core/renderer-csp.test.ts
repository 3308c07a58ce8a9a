import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../main/core/renderer-csp';
import { DESKTOP_CSP } from '../../../../main/electron/window-options';
import { browserModeCsp } from '../../../../main/server/security';

// Both hosts' policies as they were written by hand before they shared one builder: exactly as strict.
const DESKTOP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

describe('the renderer CSP', () => {
  it('is the same policy for the desktop window and browser mode', () => {
    expect(DESKTOP_CSP).toBe(DESKTOP);
    expect(browserModeCsp(4567)).toBe(
      DESKTOP.replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:4567 ws://localhost:4567"),
    );
  });

  it('adds only the given connect sources', () => {
    const policy = contentSecurityPolicy({ connect: ['ws://127.0.0.1:1'] });
    const directives = policy.split('; ');
    expect(directives.filter((d) => d.startsWith('connect-src'))).toEqual(["connect-src 'self' ws://127.0.0.1:1"]);
    expect(directives.filter((d) => !d.startsWith('connect-src'))).toEqual(
      DESKTOP.split('; ').filter((d) => !d.startsWith('connect-src')),
    );
  });
});
