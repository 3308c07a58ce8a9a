import { rmSync, readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApnsCertificate } from '../../../../../main/core/credentials/apns-p12';
import {
  generateFixtures,
  generateOddP12s,
  P12_PASSPHRASE,
  type Fixtures,
  type OddP12s,
} from '../../../../fixtures/generate';
import { itWithSystem, missingCommand } from '../../../../support/system';

let fx: Fixtures;
let odd: OddP12s | null;
beforeAll(() => {
  fx = generateFixtures();
  odd = generateOddP12s(join(fx.dir, 'odd'));
});
afterAll(() => rmSync(fx.dir, { recursive: true, force: true }));

/** What the parser said, and that it said it in words: nothing from forge or OpenSSL. */
function refusal(fields: Parameters<typeof parseApnsCertificate>[0]): { message: string; hint: string | undefined } {
  try {
    parseApnsCertificate(fields);
  } catch (error) {
    const { message, hint } = error as { message: string; hint?: string };
    expect(`${message} ${hint ?? ''}`).not.toMatch(
      /forge|ASN\.1|PFX|OID|error:[0-9A-F]{8}|routines|Invalid password\?/,
    );
    return { message, hint };
  }
  throw new Error('the parser accepted it');
}
const p12 = (path: string) => ({ file: readFileSync(path), passphrase: P12_PASSPHRASE });
const withOpenSsl = (name: string, body: () => void) => itWithSystem(name, missingCommand('openssl', 'openssl'), body);

describe('.p12 failures, each said in words', () => {
  it('a file that is not DER at all is "not a PKCS#12 archive"', () => {
    expect(refusal({ file: Buffer.from([0x01, 0x02, 0x03, 0xff]) }).message).toBe(
      'This file is not a PKCS#12 archive (.p12/.pfx) or a PEM certificate.',
    );
  });

  it('a DER structure that is not a PFX is "not a PKCS#12 archive"', () => {
    const asn1 = forge.asn1;
    const other = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, 'hello'),
    ]);
    const der = Buffer.from(asn1.toDer(other).getBytes(), 'binary');
    expect(refusal({ file: der, fileName: 'x.p12' }).message).toBe(
      '"x.p12" is not a PKCS#12 archive (.p12/.pfx) or a PEM certificate.',
    );
  });

  it('a .p12 cut short says how much of it is there', () => {
    const whole = readFileSync(fx.p12WithPassphrase);
    expect(refusal({ file: whole.subarray(0, 500), passphrase: P12_PASSPHRASE }).message).toBe(
      `This file is cut short: it ends after 500 bytes of the ${whole.length.toLocaleString('en-US')} it announces.`,
    );
  });

  it('a DER certificate on its own is named as such', () => {
    const der = new X509Certificate(readFileSync(fx.certPem)).raw;
    expect(refusal({ file: der, fileName: 'aps.cer' }).message).toMatch(
      /^"aps\.cer" is a certificate on its own \(DER\), not a PKCS#12 archive/,
    );
  });

  it('a PFX whose insides are broken is "damaged", not a library message', () => {
    const asn1 = forge.asn1;
    const pfx = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, '\x03'),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, []),
    ]);
    const der = Buffer.from(asn1.toDer(pfx).getBytes(), 'binary');
    expect(refusal({ file: der, passphrase: 'x' }).message).toBe(
      'This .p12 is damaged or is not a standard PKCS#12 archive.',
    );
  });

  it('a key that belongs to another certificate is refused', () => {
    const key = forge.pki.rsa.generateKeyPair(1024).privateKey;
    const cert = forge.pki.certificateFromPem(fx.apple.certPem);
    const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], P12_PASSPHRASE, { algorithm: '3des' });
    const file = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    expect(refusal({ file, passphrase: P12_PASSPHRASE }).message).toBe(
      'The private key does not belong to this certificate.',
    );
  });

  withOpenSsl('an EC key: "The key in this .p12 is an EC key; APNs certificates carry RSA keys"', () => {
    expect(refusal(p12(odd!.ecKey)).message).toBe(
      'The key in this .p12 is an EC key; APNs certificates carry RSA keys.',
    );
  });

  withOpenSsl('an EC certificate without a key names the certificate', () => {
    expect(refusal(p12(odd!.ecCertificateOnly)).message).toBe(
      'The certificate in this .p12 has an EC key; APNs certificates carry RSA keys.',
    );
  });

  withOpenSsl('an EC certificate and key as PEM files', () => {
    const { ecCertPem, ecKeyPem } = odd!;
    expect(refusal({ file: readFileSync(ecCertPem), keyFile: readFileSync(ecKeyPem) }).message).toBe(
      'The private key is an EC key; APNs certificates carry RSA keys.',
    );
  });

  withOpenSsl('an encryption scheme forge cannot read', () => {
    const { message, hint } = refusal(p12(odd!.camellia));
    expect(message).toBe('This .p12 is encrypted with a scheme Push Console cannot read.');
    expect(hint).toMatch(/Export it again/);
  });

  withOpenSsl('a MAC algorithm forge cannot check', () => {
    expect(refusal(p12(odd!.sha224Mac)).message).toBe(
      'This .p12 is sealed with an integrity check (MAC) that Push Console cannot verify.',
    );
  });

  it('a missing or wrong passphrase', () => {
    expect(refusal({ file: readFileSync(fx.p12WithPassphrase) }).message).toBe('This .p12 needs a passphrase.');
    expect(refusal({ file: readFileSync(fx.p12WithPassphrase), passphrase: 'wrong' }).message).toBe(
      'The passphrase is wrong for this .p12.',
    );
  });
});
