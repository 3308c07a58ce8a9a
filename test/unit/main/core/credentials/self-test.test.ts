import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsers } from '../../../../../main/core/credentials/parsers';
import { selfTest } from '../../../../../main/core/credentials/self-test';
import type { ResolvedCredential } from '../../../../../main/core/credentials/types';
import type { ImportFields } from '../../../../../main/core/credentials/parsed';
import type { CredentialKind } from '../../../../../shared/domain/credential';
import { generateFixtures, P12_PASSPHRASE, TEAM_ID, type Fixtures } from '../../../../fixtures/generate';

let fx: Fixtures;
beforeAll(() => {
  fx = generateFixtures();
});
afterAll(() => rmSync(fx.dir, { recursive: true, force: true }));

function resolved(kind: CredentialKind, fields: ImportFields): ResolvedCredential {
  const parsed = parsers[kind](fields);
  return {
    meta: { id: 'x', kind, label: 'x', createdAt: '', metadata: parsed.metadata, warnings: [] },
    secret: parsed.secret,
  } as ResolvedCredential;
}

describe('offline credential self-test', () => {
  it('builds and verifies an APNs ES256 JWT', () => {
    const result = selfTest(
      resolved('apns-token', { file: readFileSync(fx.p8), fileName: 'AuthKey_ABC123DEFG.p8', teamId: TEAM_ID }),
    );
    expect(result).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Built and verified an ES256 JWT \(kid ABC123DEFG, iss TEAM123456/),
    });
  });

  it('loads the TLS identity of a certificate, and reports an expired one as not ok', () => {
    expect(
      selfTest(resolved('apns-certificate', { file: readFileSync(fx.p12WithPassphrase), passphrase: P12_PASSPHRASE })),
    ).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^The TLS identity loads \(Apple Push Services: com\.example\.app, valid until/),
    });
    expect(
      selfTest(resolved('apns-certificate', { file: readFileSync(fx.p12Expired), passphrase: P12_PASSPHRASE })),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expired on .*renew it in the Apple Developer portal/),
    });
  });

  it('refuses a TLS identity whose key was swapped after import', () => {
    const credential = resolved('apns-certificate', {
      file: readFileSync(fx.p12WithPassphrase),
      passphrase: P12_PASSPHRASE,
    });
    const swapped = {
      ...credential,
      secret: { ...credential.secret, keyPem: readFileSync(fx.mismatchedKeyPem, 'utf8') },
    } as ResolvedCredential;
    expect(selfTest(swapped)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The TLS identity does not load/),
    });
  });

  it('signs with VAPID and builds a SAS token', () => {
    expect(
      selfTest(
        resolved('vapid', { privateKey: Buffer.alloc(32, 9).toString('base64url'), subject: 'mailto:a@example.com' }),
      )?.ok,
    ).toBe(true);
    const sas = selfTest(
      resolved('nhub', {
        connectionString: 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Full;SharedAccessKey=k',
        hubName: 'hub',
      }),
    );
    expect(sas).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Built a SAS token for hub hub with key Full/),
    });
  });

  it('leaves FCM and WNS to their providers', () => {
    expect(selfTest(resolved('fcm-service-account', { file: readFileSync(fx.serviceAccount) }))).toBeNull();
    expect(selfTest(resolved('wns', { packageSid: 'ms-app://S-1-15-2-1', clientSecret: 'x' }))).toBeNull();
  });
});
