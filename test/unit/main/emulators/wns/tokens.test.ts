import { describe, expect, it } from 'vitest';
import { OTHER_AUDIENCE, TokenIssuer } from '../../../../../main/emulators/wns/tokens';

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('WNS emulator token issuer', () => {
  const now = Date.parse('2026-12-04T10:00:00Z');

  it('mints Entra tokens as signed JWTs for WNS, and for another audience when asked (check otherAudienceToken)', () => {
    const issuer = new TokenIssuer(() => now, 3600);
    const { token } = issuer.issue('app-id', 'entra', { tenant: 'contoso' });
    const [header, , signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString('utf8'))).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(signature).toMatch(/^[\w-]{43}$/);
    expect(claimsOf(token)).toMatchObject({
      aud: 'https://wns.windows.com',
      iss: 'https://sts.windows.net/contoso/',
      appid: 'app-id',
      tid: 'contoso',
      iat: now / 1000,
      exp: now / 1000 + 3600,
    });
    expect(issuer.check(token)).toEqual({ clientId: 'app-id', flow: 'entra', audience: 'https://wns.windows.com' });

    const other = issuer.issue('app-id', 'entra', { tenant: 'contoso', audience: OTHER_AUDIENCE }).token;
    expect(claimsOf(other).aud).toBe('https://graph.microsoft.com');
    expect(issuer.check(other)).toMatchObject({ audience: 'https://graph.microsoft.com' });
    expect(other).not.toBe(token);
  });

  it('keeps Live tokens opaque, and refuses a JWT it did not mint even with claims copied from one', () => {
    const issuer = new TokenIssuer(() => now, 3600);
    const live = issuer.issue('ms-app://s-1-15-2-1').token;
    expect(live.split('.')).toHaveLength(1);
    expect(issuer.check(live)).toMatchObject({ flow: 'live', audience: 'https://wns.windows.com' });
    const minted = issuer.issue('app-id', 'entra', { tenant: 'contoso' }).token;
    const forged = `${minted.split('.').slice(0, 2).join('.')}.AAAA`;
    expect(issuer.check(forged)).toBe('invalid');
  });
});
