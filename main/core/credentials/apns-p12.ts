import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { nodeForge } from './forge';
import { appleCertificateFacts, expiryWarnings } from './apple-certificate';
import { readP12 } from './p12-archive';
import { fileLabel, invalid, requireFile, type ImportFields, type ParsedCredential } from './parsed';

export interface ApnsCertificateSecret {
  kind: 'apns-certificate';
  /** PEM certificate (leaf first, then any chain) and unencrypted PEM private key. */
  certPem: string;
  keyPem: string;
}

const NOT_APPLE = 'This is not an Apple push certificate (no APNs environment extension); APNs will likely refuse it.';

/** An APNs TLS client certificate: a .p12/.pfx, or a PEM certificate with its PEM key. */
export function parseApnsCertificate(fields: ImportFields): ParsedCredential<ApnsCertificateSecret> {
  const file = requireFile(fields, 'the .p12 certificate');
  const text = file.toString('latin1');
  const { certPems, keyPem, encryptions } = text.includes('-----BEGIN')
    ? { ...readPem(fields, text), encryptions: null }
    : readP12(fields, file);
  const leafPem = certPems[0]!;
  const x509 = readCertificate(leafPem);
  const key = createPrivateKey(keyPem);
  if (key.asymmetricKeyType !== 'rsa') {
    throw invalid(
      `The private key is ${key.asymmetricKeyType === 'ec' ? 'an EC' : `a ${key.asymmetricKeyType}`} key; APNs certificates carry RSA keys.`,
      'An EC .p8 key is imported as an APNs token key instead.',
    );
  }
  if (!x509.checkPrivateKey(key)) {
    throw invalid(
      'The private key does not belong to this certificate.',
      'Export the certificate together with its own key from Keychain Access (both selected).',
    );
  }
  const facts = appleCertificateFacts(nodeForge().pki.certificateFromPem(leafPem));
  const warnings = [...(facts.isApplePush ? [] : [NOT_APPLE]), ...expiryWarnings(facts.notAfter)];
  return {
    secret: { kind: 'apns-certificate', certPem: certPems.join(''), keyPem },
    // How the .p12 was encrypted is known only now (the keychain keeps PEM): the check names it.
    metadata: {
      ...facts,
      fingerprintSha256: x509.fingerprint256,
      ...(encryptions ? { p12Encryptions: encryptions } : {}),
    },
    warnings,
    suggestedLabel: facts.bundleId ?? facts.subjectCn ?? 'APNs certificate',
  };
}

function readCertificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw invalid('The certificate in this file is damaged and could not be read.', 'Export it again.');
  }
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
