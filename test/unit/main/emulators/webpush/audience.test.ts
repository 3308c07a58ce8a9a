import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKS, expectedAudience } from '../../../../../main/emulators/webpush/push-route';

describe('Web Push emulator: the aud it takes', () => {
  it('is its own origin by default, and its host name’s (same port) with check endpoint.aliasHost', () => {
    expect(DEFAULT_CHECKS['endpoint.aliasHost']).toBe(false);
    expect(expectedAudience('https://127.0.0.1:41006', DEFAULT_CHECKS)).toBe('https://127.0.0.1:41006');
    expect(expectedAudience('https://127.0.0.1:41006', { 'endpoint.aliasHost': true })).toBe('https://localhost:41006');
    // The default port is no part of an origin, here as in the aud a client signs.
    expect(expectedAudience('https://127.0.0.1', { 'endpoint.aliasHost': true })).toBe('https://localhost');
  });
});
