import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { appleCertificateFacts, expiryWarnings } from './apple-certificate';
import { fileLabel, invalid, requireFile, type ImportFields, type ParsedCredential } from './parsed';
import type { ApnsCertificateSecret } from './types';

const NOT_APPLE = 'This is not an Apple push certificate (no APNs environment extension); APNs will likely refuse it.';

/** An APNs TLS client certificate: a .p12/.pfx, or a PEM certificate with its PEM key. */
export function parseApnsCertificate(fields: ImportFields): ParsedCredential<ApnsCertificateSecret> {
  const file = requireFile(fields, 'the .p12 certificate');
  const text = file.toString('latin1');
  const { certPems, keyPem } = text.includes('-----BEGIN') ? readPem(fields, text) : readP12(fields, file);
  const leafPem = certPems[0]!;
  const x509 = new X509Certificate(leafPem);
  const key = createPrivateKey(keyPem);
  if (!x509.checkPrivateKey(key)) {
    throw invalid(
      'The private key does not belong to this certificate.',
      'Export the certificate together with its own key from Keychain Access (both selected).',
    );
  }
  const facts = appleCertificateFacts(forge.pki.certificateFromPem(leafPem));
  const warnings = [...(facts.isApplePush ? [] : [NOT_APPLE]), ...expiryWarnings(facts.notAfter)];
  return {
    secret: { kind: 'apns-certificate', certPem: certPems.join(''), keyPem },
    metadata: { ...facts, fingerprintSha256: x509.fingerprint256 },
    warnings,
    suggestedLabel: facts.bundleId ?? facts.subjectCn ?? 'APNs certificate',
  };
}

function readP12(fields: ImportFields, file: Buffer): { certPems: string[]; keyPem: string } {
  const name = fileLabel(fields, 'This file');
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(file.toString('binary')));
  } catch {
    throw invalid(`${name} is not a .p12/.pfx file or a PEM certificate.`);
  }
  const p12 = openP12(asn1, fields.passphrase);
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => cert !== undefined);
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const forgeKey = keyBags.find((bag) => bag.key)?.key;
  if (certs.length === 0) throw invalid(`${name} holds no certificate.`);
  if (!forgeKey) {
    throw invalid(
      `${name} holds a certificate but no private key.`,
      'In Keychain Access, expand the certificate and export it together with its key.',
    );
  }
  const keyPem = forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(forgeKey)));
  const key = createPrivateKey(keyPem);
  // The leaf is the certificate that matches the key; the rest is chain.
  const pems = certs.map((cert) => forge.pki.certificateToPem(cert));
  const leaf = pems.findIndex((pem) => new X509Certificate(pem).checkPrivateKey(key));
  if (leaf > 0) pems.unshift(...pems.splice(leaf, 1));
  return { certPems: pems, keyPem };
}

/**
 * Files exported without a password need '' rather than no password, so with no passphrase given
 * both are tried, as node-apn does (parsePkcs12.js).
 */
function openP12(asn1: forge.asn1.Asn1, passphrase: string | undefined): forge.pkcs12.Pkcs12Pfx {
  const given = passphrase !== undefined && passphrase !== '';
  const attempts: Array<string | undefined> = given ? [passphrase] : [undefined, ''];
  let lastError: unknown;
  for (const attempt of attempts) {
    try {
      return forge.pkcs12.pkcs12FromAsn1(asn1, false, attempt as string);
    } catch (error) {
      lastError = error;
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  if (/Invalid password|MAC could not be verified|decrypt/i.test(reason)) {
    throw given
      ? invalid('The passphrase is wrong for this .p12.', 'Use the password chosen when the certificate was exported.')
      : invalid('This .p12 needs a passphrase.', 'Enter the password chosen when the certificate was exported.');
  }
  throw invalid(`This .p12 could not be opened (${reason.slice(0, 120)}).`);
}

function readPem(fields: ImportFields, text: string): { certPems: string[]; keyPem: string } {
  const certPems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\s*/g) ?? [];
  if (certPems.length === 0) throw invalid(`${fileLabel(fields, 'This file')} holds no PEM certificate.`);
  const keyText = /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) ? text : fields.keyFile?.toString('utf8');
  if (!keyText) {
    throw invalid('This PEM holds only the certificate; choose its private key file too.');
  }
  // OpenSSL 3 reports a missing passphrase as "interrupted or cancelled", so look at the PEM itself.
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(keyText);
  if (encrypted && !fields.passphrase) throw invalid('This private key needs a passphrase.');
  let key: KeyObject;
  try {
    key = createPrivateKey({
      key: keyText,
      format: 'pem',
      ...(fields.passphrase ? { passphrase: fields.passphrase } : {}),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : '';
    if (encrypted || /passphrase|decrypt/i.test(reason)) {
      throw fields.passphrase
        ? invalid('The passphrase is wrong for this private key.')
        : invalid('This private key needs a passphrase.');
    }
    throw invalid('The private key PEM could not be read.');
  }
  return {
    certPems: certPems.map((pem) => `${pem.trim()}\n`),
    keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
