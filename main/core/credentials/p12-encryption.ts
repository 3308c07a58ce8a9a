import type forge from 'node-forge';
import { nodeForge } from './forge';

/** How one part of a .p12 is encrypted, named from its AlgorithmIdentifier's OID (PKCS#12 §B, PKCS#5). */
export interface P12Encryption {
  part: 'certificates' | 'key';
  /** Short name, e.g. "RC2-40-CBC", "3DES-CBC", "AES-256-CBC". */
  algorithm: string;
  oid: string;
  /** Only in OpenSSL 3's legacy provider: `openssl pkcs12` refuses it without `-legacy`. */
  legacyProvider: boolean;
}

const PBE: Record<string, { algorithm: string; legacyProvider: boolean }> = {
  '1.2.840.113549.1.12.1.1': { algorithm: 'RC4-128', legacyProvider: true },
  '1.2.840.113549.1.12.1.2': { algorithm: 'RC4-40', legacyProvider: true },
  '1.2.840.113549.1.12.1.3': { algorithm: '3DES-CBC', legacyProvider: false },
  '1.2.840.113549.1.12.1.4': { algorithm: '2-key 3DES-CBC', legacyProvider: false },
  '1.2.840.113549.1.12.1.5': { algorithm: 'RC2-128-CBC', legacyProvider: true },
  '1.2.840.113549.1.12.1.6': { algorithm: 'RC2-40-CBC', legacyProvider: true },
};
const PBES2 = '1.2.840.113549.1.5.13';
const PBES2_CIPHERS: Record<string, string> = {
  '2.16.840.1.101.3.4.1.2': 'AES-128-CBC',
  '2.16.840.1.101.3.4.1.22': 'AES-192-CBC',
  '2.16.840.1.101.3.4.1.42': 'AES-256-CBC',
  '1.2.840.113549.3.7': '3DES-CBC',
  '1.3.14.3.2.7': 'DES-CBC',
};
const DATA = '1.2.840.113549.1.7.1';
const ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';

/**
 * The encryption of each part of a PFX (the certificates' EncryptedData, the key's shrouded bag),
 * read from the ASN.1 so the check can name a legacy scheme the archive was opened with. Parts
 * stored unencrypted are simply absent; anything unreadable yields what was read so far.
 */
export function p12Encryptions(pfx: forge.asn1.Asn1): P12Encryption[] {
  const found: P12Encryption[] = [];
  try {
    const authSafe = children(pfx)[1];
    for (const info of children(decodeOctets(explicitContent(authSafe)))) {
      const [type, content] = children(info);
      const oid = oidOf(type);
      if (oid === ENCRYPTED_DATA) {
        const encryptedContentInfo = children(children(content)[0])[1];
        found.push(named('certificates', children(encryptedContentInfo)[1]));
      } else if (oid === DATA) {
        for (const bag of children(decodeOctets(content))) {
          const [bagId, bagValue] = children(bag);
          if (oidOf(bagId) === SHROUDED_KEY_BAG) found.push(named('key', children(children(bagValue)[0])[0]));
        }
      }
    }
  } catch {
    // A shape this reader does not know: report the parts already named.
  }
  return found;
}

function named(part: P12Encryption['part'], algorithmIdentifier: forge.asn1.Asn1 | undefined): P12Encryption {
  const [id, params] = children(algorithmIdentifier);
  const oid = oidOf(id);
  const pbe = PBE[oid];
  if (pbe) return { part, oid, ...pbe };
  if (oid === PBES2) {
    const scheme = children(params)[1];
    const cipher = PBES2_CIPHERS[oidOf(children(scheme)[0])];
    return { part, oid, algorithm: `PBES2 ${cipher ?? 'unknown cipher'}`, legacyProvider: false };
  }
  return { part, oid, algorithm: `unknown (${oid})`, legacyProvider: false };
}

function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return node && Array.isArray(node.value) ? node.value : [];
}

function oidOf(node: forge.asn1.Asn1 | undefined): string {
  return node && typeof node.value === 'string' ? nodeForge().asn1.derToOid(node.value) : '';
}

/** `[0] EXPLICIT` around a ContentInfo's content. */
function explicitContent(contentInfo: forge.asn1.Asn1 | undefined): forge.asn1.Asn1 | undefined {
  return children(contentInfo)[1];
}

/** The DER inside an OCTET STRING under `[0]`, primitive or (BER, as Windows writes) in chunks. */
function decodeOctets(explicit: forge.asn1.Asn1 | undefined): forge.asn1.Asn1 {
  const octets = children(explicit)[0];
  const bytes = (node: forge.asn1.Asn1 | undefined): string =>
    !node ? '' : typeof node.value === 'string' ? node.value : children(node).map(bytes).join('');
  return nodeForge().asn1.fromDer(bytes(octets));
}
