import { describe, expect, it } from 'vitest';
import { FcmTokenCache } from '../../../../../../main/core/providers/fcm/token-cache';
import { OAuthTokenError } from '../../../../../../main/core/providers/oauth-token';
import type { Transport, TransportResponse } from '../../../../../../main/core/transport/types';
import { secret } from '../../../../../support/fcm-service-account';

/** Answers every token request with one refusal: the cache's error in isolation. */
function refusingTransport(status: number, body: unknown): Transport {
  return {
    async request(): Promise<TransportResponse> {
      return {
        status,
        headers: [],
        body: Buffer.from(JSON.stringify(body)),
        httpVersion: '1.1',
        exchange: null,
        exchangeId: 'x1',
        durationMs: 1,
      };
    },
    async close() {},
  };
}

describe('FcmTokenCache refusals', () => {
  it('throws the OAuthTokenError shared with WNS, worded for the service account', async () => {
    const transport = refusingTransport(400, { error: 'invalid_client', error_description: 'no such account' });
    const exchangeIds: string[] = [];
    const error = await new FcmTokenCache()
      .get('cred', secret, { transport, tokenUri: secret.tokenUri, exchangeIds })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthTokenError);
    expect(error).toMatchObject({
      code: 'CREDENTIAL_INVALID',
      status: 400,
      reason: 'invalid_client',
      description: 'no such account',
      exchangeId: 'x1',
    });
    expect((error as Error).message).toBe(
      'The token endpoint refused the service account: invalid_client (no such account)',
    );
    expect(exchangeIds).toEqual(['x1']);
  });

  it('says HTTP <status> when the refusal is not an OAuth error', async () => {
    const transport = refusingTransport(503, 'busy');
    const error = await new FcmTokenCache()
      .get('cred', secret, { transport, tokenUri: secret.tokenUri, exchangeIds: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthTokenError);
    expect((error as Error).message).toBe('The token endpoint refused the service account: HTTP 503');
  });
});
