import { createPrivateKey } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiryWarnings } from '../../../../../main/core/credentials/apple-certificate';
import { parseApnsCertificate } from '../../../../../main/core/credentials/apns-p12';
import { itWithSystem, missingCommand } from '../../../../support/system';
import { BUNDLE_ID, generateFixtures, P12_PASSPHRASE, type Fixtures } from '../../../../fixtures/generate';

let fx: Fixtures;
beforeAll(() => {
  fx = generateFixtures();
});
afterAll(() => rmSync(fx.dir, { recursive: true, force: true }));

const file = (path: string) => readFileSync(path);
const DAY = 24 * 60 * 60 * 1000;

describe('APNs certificate parser', () => {
  it('reads an Apple-like .p12: CN, bundle id, topics, universal environment, dates, fingerprint', () => {
    const parsed = parseApnsCertificate({ file: file(fx.p12WithPassphrase), passphrase: P12_PASSPHRASE });
    expect(parsed.metadata).toMatchObject({
      subjectCn: `Apple Push Services: ${BUNDLE_ID}`,
      bundleId: BUNDLE_ID,
      topics: [BUNDLE_ID, `${BUNDLE_ID}.voip`, `${BUNDLE_ID}.complication`],
      environment: 'universal',
      isApplePush: true,
    });
    expect(parsed.metadata['fingerprintSha256']).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Date.parse(String(parsed.metadata['notAfter']))).toBeGreaterThan(Date.now() + 300 * DAY);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.suggestedLabel).toBe(BUNDLE_ID);
    // Leaf first, then the chain; the key is PKCS#8 and belongs to the leaf.
    expect(parsed.secret.certPem.indexOf(fx.apple.certPem.trim().slice(30, 90))).toBeGreaterThan(0);
    expect(parsed.secret.keyPem).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('opens an empty-passphrase .p12 with no passphrase given (node-apn retries with "")', () => {
    const parsed = parseApnsCertificate({ file: file(fx.p12EmptyPassphrase) });
    expect(parsed.metadata['bundleId']).toBe(BUNDLE_ID);
  });

  itWithSystem('opens an OpenSSL 3 .p12 (AES-256, SHA-256 MAC)', missingCommand('openssl', 'openssl'), () => {
    const parsed = parseApnsCertificate({ file: file(fx.p12OpenSsl!), passphrase: P12_PASSPHRASE });
    expect(parsed.metadata['environment']).toBe('universal');
  });

  it('says a passphrase is needed, or that it is wrong', () => {
    expect(() => parseApnsCertificate({ file: file(fx.p12WithPassphrase) })).toThrow('This .p12 needs a passphrase.');
    expect(() => parseApnsCertificate({ file: file(fx.p12WithPassphrase), passphrase: 'wrong' })).toThrow(
      'The passphrase is wrong for this .p12.',
    );
  });

  it('warns about a certificate that is not an Apple push certificate, and allows it', () => {
    const parsed = parseApnsCertificate({ file: file(fx.p12NonApple), passphrase: P12_PASSPHRASE });
    expect(parsed.metadata).toMatchObject({ environment: null, bundleId: null, topics: [], isApplePush: false });
    expect(parsed.warnings).toEqual([expect.stringMatching(/not an Apple push certificate/)]);
  });

  it('imports an expired certificate with a warning', () => {
    const parsed = parseApnsCertificate({ file: file(fx.p12Expired), passphrase: P12_PASSPHRASE });
    expect(parsed.warnings).toEqual([expect.stringMatching(/^Expired on \d{4}-\d{2}-\d{2}; sends are blocked/)]);
  });

  it('warns when a certificate expires within 30 days', () => {
    const parsed = parseApnsCertificate({ file: file(fx.p12ExpiringSoon), passphrase: P12_PASSPHRASE });
    expect(parsed.warnings).toEqual([expect.stringMatching(/^Expires in 10 days \(/)]);
  });

  it('reads a PEM certificate with its PEM key, and refuses a key of another certificate', () => {
    const parsed = parseApnsCertificate({ file: file(fx.certPem), keyFile: file(fx.keyPem) });
    expect(parsed.metadata['bundleId']).toBe(BUNDLE_ID);
    expect(() => parseApnsCertificate({ file: file(fx.certPem), keyFile: file(fx.mismatchedKeyPem) })).toThrow(
      'The private key does not belong to this certificate.',
    );
    expect(() => parseApnsCertificate({ file: file(fx.certPem) })).toThrow(/choose its private key file too/);
  });

  it('reads an encrypted PEM key with its passphrase, and explains a missing or wrong one', () => {
    const encrypted = Buffer.from(
      createPrivateKey(fx.apple.keyPem)
        .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pem-pass' })
        .toString(),
    );
    const cert = file(fx.certPem);
    expect(parseApnsCertificate({ file: cert, keyFile: encrypted, passphrase: 'pem-pass' }).metadata['bundleId']).toBe(
      BUNDLE_ID,
    );
    expect(() => parseApnsCertificate({ file: cert, keyFile: encrypted })).toThrow(
      'This private key needs a passphrase.',
    );
    expect(() => parseApnsCertificate({ file: cert, keyFile: encrypted, passphrase: 'nope' })).toThrow(
      'The passphrase is wrong for this private key.',
    );
  });

  it('refuses something that is neither .p12 nor PEM', () => {
    expect(() => parseApnsCertificate({ file: Buffer.from('hello world'), fileName: 'notes.txt' })).toThrow(
      '"notes.txt" is not a PKCS#12 archive (.p12/.pfx) or a PEM certificate.',
    );
  });

  it('computes expiry warnings against the given day', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(expiryWarnings('2026-03-01T00:00:00Z', now)).toEqual([]);
    expect(expiryWarnings('2026-01-02T00:00:00Z', now)).toEqual(['Expires in 1 day (2026-01-02).']);
    expect(expiryWarnings('2025-12-31T00:00:00Z', now)[0]).toMatch(/^Expired on 2025-12-31/);
  });
});
