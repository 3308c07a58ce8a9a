/**
 * The renderer's Content Security Policy, one for both hosts: the Electron window and browser
 * mode differ only in where the page may connect (browser mode's loopback WebSocket).
 */
export function contentSecurityPolicy(options: { connect: readonly string[] }): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Monaco injects styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Monaco's workers start from blob: URLs.
    "worker-src 'self' blob:",
    ["connect-src 'self'", ...options.connect].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
