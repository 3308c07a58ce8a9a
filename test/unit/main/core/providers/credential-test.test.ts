import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../../../../main/core/credentials/types';
import type { ImportFields } from '../../../../../main/core/credentials/parsed';
import { createProviders, credentialParser, providerOf } from '../../../../../main/core/providers/registry';
import type { ProviderModules } from '../../../../../main/core/providers/types';
import type { Transport } from '../../../../../main/core/transport/types';
import { credentialKindSchema, type CredentialKind } from '../../../../../shared/domain/credential';
import { generateFixtures, P12_PASSPHRASE, TEAM_ID, type Fixtures } from '../../../../fixtures/generate';

let fx: Fixtures;
let providers: ProviderModules;
beforeAll(() => {
  fx = generateFixtures();
  providers = createProviders();
});
afterAll(() => rmSync(fx.dir, { recursive: true, force: true }));

function resolved(kind: CredentialKind, fields: ImportFields): ResolvedCredential {
  const parsed = credentialParser(kind)(fields);
  return {
    meta: { id: 'x', kind, label: 'x', createdAt: '', metadata: parsed.metadata, warnings: [] },
    secret: parsed.secret,
  } as ResolvedCredential;
}

/**
 * The path `credentials.test` takes, with no transport: these kinds test offline under live,
 * so touching the network would throw here.
 */
function test(credential: ResolvedCredential): Promise<string> {
  const provider = providers[providerOf(credential.meta.kind)];
  return provider.testCredential(credential, { transport: null as unknown as Transport, credential, local: null });
}

describe('offline credential tests through the owning provider', () => {
  it('every credential kind has exactly one provider that owns it', () => {
    for (const kind of credentialKindSchema.options) {
      const owners = Object.values(providers).filter((p) => p.credentialKinds.includes(kind));
      expect(
        owners.map((p) => p.id),
        kind,
      ).toEqual([providerOf(kind)]);
    }
    expect(providerOf('fcm-service-account')).toBe('fcm');
    expect(providerOf('wns')).toBe('wns');
  });

  it('builds and verifies an APNs ES256 JWT', async () => {
    const result = await test(
      resolved('apns-token', { file: readFileSync(fx.p8), fileName: 'AuthKey_ABC123DEFG.p8', teamId: TEAM_ID }),
    );
    expect(result).toMatch(/^Built and verified an ES256 JWT \(kid ABC123DEFG, iss TEAM123456/);
  });

  it('loads the TLS identity of a certificate, and reports an expired one as not ok', async () => {
    expect(
      await test(
        resolved('apns-certificate', { file: readFileSync(fx.p12WithPassphrase), passphrase: P12_PASSPHRASE }),
      ),
    ).toMatch(/^The TLS identity loads \(Apple Push Services: com\.example\.app, valid until/);
    await expect(
      test(resolved('apns-certificate', { file: readFileSync(fx.p12Expired), passphrase: P12_PASSPHRASE })),
    ).rejects.toThrow(/expired on .*renew it in the Apple Developer portal/);
  });

  it('refuses a TLS identity whose key was swapped after import', async () => {
    const credential = resolved('apns-certificate', {
      file: readFileSync(fx.p12WithPassphrase),
      passphrase: P12_PASSPHRASE,
    });
    const swapped = {
      ...credential,
      secret: { ...credential.secret, keyPem: readFileSync(fx.mismatchedKeyPem, 'utf8') },
    } as ResolvedCredential;
    await expect(test(swapped)).rejects.toThrow(/^The TLS identity does not load/);
    // In people's words, never OpenSSL's ("key values mismatch", "error:05800074…").
    await expect(test(swapped)).rejects.toThrow(
      'The TLS identity does not load: the private key does not belong to this certificate.',
    );
  });

  it("says a stored .p8 that no longer loads is not a PEM key, without the crypto library's words", async () => {
    const credential = resolved('apns-token', {
      file: readFileSync(fx.p8),
      fileName: 'AuthKey_ABC123DEFG.p8',
      teamId: TEAM_ID,
    });
    const broken = {
      ...credential,
      secret: {
        ...credential.secret,
        keyPem: '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n',
      },
    } as ResolvedCredential;
    const error = (await test(broken).then(
      () => null,
      (e: unknown) => e,
    )) as (Error & { hint?: string }) | null;
    expect(error?.message).toBe('The .p8 key does not load: it is not a PEM private key.');
    expect(error?.hint).toMatch(/AuthKey_<key id>\.p8/);
  });

  it('signs with VAPID and builds a SAS token for the hub the connection string names', async () => {
    expect(
      await test(
        resolved('vapid', { privateKey: Buffer.alloc(32, 9).toString('base64url'), subject: 'mailto:a@example.com' }),
      ),
    ).toMatch(/^VAPID key pair works: .*\(sub mailto:a@example\.com\)/);
    const sas = await test(
      resolved('nhub', {
        connectionString: 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Full;SharedAccessKey=k',
        hubName: 'hub',
      }),
    );
    expect(sas).toMatch(
      /^SAS token signed for https:\/\/ns\.servicebus\.windows\.net\/hub with key "Full", valid until .*\. Whether the key is right shows on the first send\.$/,
    );
  });
});
