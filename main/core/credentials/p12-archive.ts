import { X509Certificate, createPrivateKey } from 'node:crypto';
import type forge from 'node-forge';
import { nodeForge } from './forge';
import { fileLabel, invalid, type ImportFields } from './parsed';
import { p12Encryptions, type P12Encryption } from './p12-encryption';

/** The certificates (leaf first) and RSA key of a .p12/.pfx, or a human error saying what is wrong. */
export function readP12(
  fields: ImportFields,
  file: Buffer,
): { certPems: string[]; keyPem: string; encryptions: P12Encryption[] } {
  const name = fileLabel(fields, 'This file');
  const asn1 = readDer(file, name);
  if (!looksLikePfx(asn1)) {
    if (looksLikeCertificate(asn1)) {
      throw invalid(
        `${name} is a certificate on its own (DER), not a PKCS#12 archive; APNs needs the certificate with its private key.`,
        'In Keychain Access, select the certificate and its key and export both as a .p12.',
      );
    }
    throw invalid(`${name} is not a PKCS#12 archive (.p12/.pfx) or a PEM certificate.`);
  }
  const p12 = openP12(asn1, fields.passphrase);
  const certBags = p12.getBags({ bagType: nodeForge().pki.oids.certBag! })[nodeForge().pki.oids.certBag!] ?? [];
  const keyBags = [
    ...(p12.getBags({ bagType: nodeForge().pki.oids.pkcs8ShroudedKeyBag! })[
      nodeForge().pki.oids.pkcs8ShroudedKeyBag!
    ] ?? []),
    ...(p12.getBags({ bagType: nodeForge().pki.oids.keyBag! })[nodeForge().pki.oids.keyBag!] ?? []),
  ];
  // forge reads RSA only: a bag it could not read keeps its ASN.1, which node:crypto can name.
  const unreadKey = keyBags.find((bag) => !bag.key && bag.asn1);
  if (unreadKey) throw notRsa('key', keyTypeOf(unreadKey.asn1!));
  const unreadCert = certBags.find((bag) => !bag.cert && bag.asn1);
  if (unreadCert) throw notRsa('certificate', certKeyTypeOf(unreadCert.asn1!));
  const certs = certBags.map((bag) => bag.cert).filter((cert): cert is forge.pki.Certificate => Boolean(cert));
  const forgeKey = keyBags.find((bag) => bag.key)?.key;
  if (certs.length === 0) throw invalid(`${name} holds no certificate.`);
  if (!forgeKey) {
    throw invalid(
      `${name} holds a certificate but no private key.`,
      'In Keychain Access, expand the certificate and export it together with its key.',
    );
  }
  const keyPem = nodeForge().pki.privateKeyInfoToPem(
    nodeForge().pki.wrapRsaPrivateKey(nodeForge().pki.privateKeyToAsn1(forgeKey)),
  );
  const key = createPrivateKey(keyPem);
  // The leaf is the certificate that matches the key; the rest is chain.
  const pems = certs.map((cert) => nodeForge().pki.certificateToPem(cert));
  const leaf = pems.findIndex((pem) => new X509Certificate(pem).checkPrivateKey(key));
  if (leaf > 0) pems.unshift(...pems.splice(leaf, 1));
  return { certPems: pems, keyPem, encryptions: p12Encryptions(asn1) };
}

function readDer(file: Buffer, name: string): forge.asn1.Asn1 {
  try {
    return nodeForge().asn1.fromDer(nodeForge().util.createBuffer(file.toString('binary')));
  } catch {
    const declared = declaredLength(file);
    if (declared !== null && declared > file.length) {
      throw invalid(
        `${name} is cut short: it ends after ${file.length.toLocaleString('en-US')} bytes of the ${declared.toLocaleString('en-US')} it announces.`,
        'Copy or export it again.',
      );
    }
    throw invalid(`${name} is not a PKCS#12 archive (.p12/.pfx) or a PEM certificate.`);
  }
}

/** The total size a DER SEQUENCE header announces, or null when the file does not start with one. */
function declaredLength(file: Buffer): number | null {
  if (file.length < 2 || file[0] !== 0x30) return null;
  const first = file[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || file.length < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + file[2 + i]!;
  return 2 + count + length;
}

/** PFX: SEQUENCE { INTEGER version (3), ContentInfo SEQUENCE, … }. */
function looksLikePfx(asn1: forge.asn1.Asn1): boolean {
  const parts = Array.isArray(asn1.value) ? asn1.value : [];
  return (
    asn1.type === nodeForge().asn1.Type.SEQUENCE &&
    parts[0]?.type === nodeForge().asn1.Type.INTEGER &&
    parts[1]?.type === nodeForge().asn1.Type.SEQUENCE
  );
}

/** X.509: SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE, signature BIT STRING }. */
function looksLikeCertificate(asn1: forge.asn1.Asn1): boolean {
  const parts = Array.isArray(asn1.value) ? asn1.value : [];
  return parts.length === 3 && parts[2]?.type === nodeForge().asn1.Type.BITSTRING;
}

/**
 * Files exported without a password need '' rather than no password, so with no passphrase given
 * both are tried, as node-apn does (parsePkcs12.js). forge's own messages never reach the user.
 */
function openP12(asn1: forge.asn1.Asn1, passphrase: string | undefined): forge.pkcs12.Pkcs12Pfx {
  const given = passphrase !== undefined && passphrase !== '';
  const attempts: Array<string | undefined> = given ? [passphrase] : [undefined, ''];
  let lastError: unknown;
  for (const attempt of attempts) {
    try {
      return nodeForge().pkcs12.pkcs12FromAsn1(asn1, false, attempt as string);
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
  const reExport = 'Export it again from Keychain Access, or with openssl pkcs12 -export and its default options.';
  if (/MAC algorithm/i.test(reason)) {
    throw invalid('This .p12 is sealed with an integrity check (MAC) that Push Console cannot verify.', reExport);
  }
  if (/Unsupported (encryption|OID|PRF)|password-based-encryption|unsupported .*(cipher|algorithm)/i.test(reason)) {
    throw invalid('This .p12 is encrypted with a scheme Push Console cannot read.', reExport);
  }
  throw invalid('This .p12 is damaged or is not a standard PKCS#12 archive.', reExport);
}

const KEY_NAMES: Record<string, string> = {
  ec: 'an EC',
  ed25519: 'an Ed25519',
  ed448: 'an Ed448',
  dsa: 'a DSA',
  dh: 'a Diffie-Hellman',
  'rsa-pss': 'an RSA-PSS',
  x25519: 'an X25519',
  x448: 'an X448',
};

function notRsa(part: 'key' | 'certificate', type: string | undefined) {
  const hint =
    'For certificate auth, export the Apple Push Services certificate with its key from Keychain Access; an EC .p8 key is imported as an APNs token key instead.';
  if (!type) return invalid(`The ${part} in this .p12 could not be read.`, hint);
  const what = KEY_NAMES[type] ?? `a ${type}`;
  return part === 'key'
    ? invalid(`The key in this .p12 is ${what} key; APNs certificates carry RSA keys.`, hint)
    : invalid(`The certificate in this .p12 has ${what} key; APNs certificates carry RSA keys.`, hint);
}

function keyTypeOf(asn1: forge.asn1.Asn1): string | undefined {
  try {
    return createPrivateKey({ key: derOf(asn1), format: 'der', type: 'pkcs8' }).asymmetricKeyType;
  } catch {
    return undefined;
  }
}

function certKeyTypeOf(asn1: forge.asn1.Asn1): string | undefined {
  try {
    return new X509Certificate(derOf(asn1)).publicKey.asymmetricKeyType;
  } catch {
    return undefined;
  }
}

function derOf(asn1: forge.asn1.Asn1): Buffer {
  return Buffer.from(nodeForge().asn1.toDer(asn1).getBytes(), 'binary');
}
