import { describe, expect, it } from 'vitest';
import type { CredentialMeta } from '../../../../../shared/domain/credential';
import {
  badges,
  credentialFacts,
  EMPTY_FIELDS,
  fileToBase64,
  toContractFields,
  type FieldValues,
} from '../../../../../renderer/features/credentials/kinds';

const meta = (
  kind: CredentialMeta['kind'],
  metadata: Record<string, unknown>,
  warnings: string[] = [],
): CredentialMeta => ({
  id: 'id',
  kind,
  label: 'label',
  createdAt: '2026-01-01T00:00:00.000Z',
  metadata,
  warnings,
});

describe('credential facts for the list', () => {
  it('shows certificate facts in reading order, with dates as days', () => {
    const facts = credentialFacts(
      meta('apns-certificate', {
        subjectCn: 'Apple Push Services: com.example.app',
        bundleId: 'com.example.app',
        environment: 'universal',
        topics: ['com.example.app', 'com.example.app.voip'],
        notBefore: '2026-01-01T00:00:00.000Z',
        notAfter: '2027-01-01T00:00:00.000Z',
        fingerprintSha256: 'AA:BB',
      }),
    );
    expect(facts).toEqual([
      ['Subject', 'Apple Push Services: com.example.app'],
      ['Bundle ID', 'com.example.app'],
      ['Environment', 'universal'],
      ['Topics', 'com.example.app, com.example.app.voip'],
      ['Valid', '2026-01-01 → 2027-01-01'],
      ['SHA-256', 'AA:BB'],
    ]);
  });

  it('says plainly when a certificate has no APNs environment, and drops empty facts', () => {
    const facts = credentialFacts(
      meta('apns-certificate', { subjectCn: 'x', bundleId: null, environment: null, topics: [] }),
    );
    expect(facts).toContainEqual(['Environment', 'none (not an APNs certificate)']);
    expect(facts.map(([name]) => name)).not.toContain('Bundle ID');
    expect(facts.map(([name]) => name)).not.toContain('Topics');
  });

  it('shows the WNS flavor and the VAPID public key', () => {
    expect(credentialFacts(meta('wns', { flavor: 'entra', tenantId: 't', clientId: 'c' }))).toEqual([
      ['Flavor', 'Entra ID'],
      ['Tenant', 't'],
      ['Client ID', 'c'],
    ]);
    expect(credentialFacts(meta('vapid', { subject: 'mailto:a@b.c', publicKey: 'BPK' }))).toContainEqual([
      'Public key',
      'BPK',
    ]);
  });

  it('turns warnings into expired / expiring soon / warning badges', () => {
    expect(
      badges(
        meta('apns-certificate', {}, [
          'Expired on 2026-01-01; …',
          'Expires in 3 days (2026-01-04).',
          'This is not an Apple push certificate',
        ]),
      ),
    ).toEqual([
      { text: 'Expired', tone: 'danger' },
      { text: 'Expiring soon', tone: 'warn' },
      { text: 'Warning', tone: 'warn' },
    ]);
  });

  it('reads a picked file as base64, byte for byte, in chunks', async () => {
    const bytes = Buffer.alloc(100_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) % 256;
    const file = new File([bytes], 'key.p12');
    expect(await fileToBase64(file)).toBe(bytes.toString('base64'));
  });
});

describe('import form fields sent to main', () => {
  const typed: FieldValues = {
    ...EMPTY_FIELDS,
    file: new File(['key'], 'AuthKey_ABC.p8'),
    keyFile: new File(['pem'], 'key.pem'),
    keyId: 'ABC123DEFG',
    teamId: 'TEAM123456',
    passphrase: ' ',
    packageSid: 'ms-app://s-1',
    tenantId: 'tenant',
    clientId: 'client',
    clientSecret: 'secret',
    privateKey: 'private',
    subject: 'mailto:a@example.com',
    connectionString: 'Endpoint=sb://x/',
    hubName: '  ',
  };
  const file = { fileBase64: 'a2V5', fileName: 'AuthKey_ABC.p8' };

  it('sends only what each kind’s form shows, dropping blank text but not a blank-looking passphrase', async () => {
    expect(await toContractFields('apns-token', typed)).toEqual({ ...file, keyId: 'ABC123DEFG', teamId: 'TEAM123456' });
    expect(await toContractFields('apns-certificate', typed)).toEqual({
      ...file,
      keyFileBase64: 'cGVt',
      passphrase: ' ',
    });
    expect(await toContractFields('fcm-service-account', typed)).toEqual(file);
    expect(await toContractFields('wns', typed)).toEqual({
      ...file,
      packageSid: 'ms-app://s-1',
      clientSecret: 'secret',
    });
    expect(await toContractFields('wns', { ...typed, wnsFlavor: 'entra' })).toEqual({
      ...file,
      tenantId: 'tenant',
      clientId: 'client',
      clientSecret: 'secret',
    });
    expect(await toContractFields('vapid', typed)).toEqual({
      ...file,
      privateKey: 'private',
      subject: 'mailto:a@example.com',
    });
    expect(await toContractFields('nhub', typed)).toEqual({ ...file, connectionString: 'Endpoint=sb://x/' });
  });
});
