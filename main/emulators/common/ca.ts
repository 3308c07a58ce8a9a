import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type forge from 'node-forge';
import { nodeForge } from '../../core/credentials/forge';

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
}

export interface CertificateRequest {
  commonName: string;
  /** Extra subject attributes, e.g. `{ UID: 'com.example.app', OU: 'TEAMID1234' }`. */
  subject?: Record<string, string>;
  /** DNS names and IP addresses for a server certificate. */
  altNames?: Array<{ dns: string } | { ip: string }>;
  usage: 'server' | 'client';
  /** Extra extensions by OID with DER-encoded values (Apple's push OIDs, for one). */
  extensions?: Array<{ id: string; valueDer?: string; critical?: boolean }>;
  notBefore?: Date;
  notAfter?: Date;
}

/**
 * A certificate authority made at start, so the emulators speak real TLS (HTTP/2 with ALPN for
 * APNs) and clients in `local` trust exactly this CA and nothing more. Keys come from
 * node:crypto (fast); node-forge builds and signs the X.509 structures.
 */
export class LocalCa {
  readonly certPem: string;
  readonly #key: forge.pki.rsa.PrivateKey;
  readonly #cert: forge.pki.Certificate;
  readonly keyPem: string;

  private constructor(certPem: string, keyPem: string) {
    this.certPem = certPem;
    this.keyPem = keyPem;
    this.#cert = nodeForge().pki.certificateFromPem(certPem);
    this.#key = nodeForge().pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  }

  static create(name = 'Push Console Local CA'): LocalCa {
    const { certPem, keyPem } = buildCertificate({
      subject: [
        { name: 'commonName', value: name },
        { name: 'organizationName', value: 'Push Console' },
      ],
      issuer: null,
      isCa: true,
      notAfter: addDays(new Date(), 3650),
    });
    return new LocalCa(certPem, keyPem);
  }

  static fromPem(certPem: string, keyPem: string): LocalCa {
    return new LocalCa(certPem, keyPem);
  }

  issue(request: CertificateRequest): IssuedCertificate {
    const subject = [{ name: 'commonName', value: request.commonName }];
    for (const [shortName, value] of Object.entries(request.subject ?? {})) {
      subject.push(
        shortName === 'UID' ? ({ type: '0.9.2342.19200300.100.1.1', value } as never) : ({ shortName, value } as never),
      );
    }
    return buildCertificate({
      subject,
      issuer: { cert: this.#cert, key: this.#key },
      isCa: false,
      usage: request.usage,
      altNames: request.altNames,
      extensions: request.extensions,
      notBefore: request.notBefore,
      notAfter: request.notAfter ?? addDays(new Date(), 825),
    });
  }

  /** A server certificate for every loopback spelling the emulators can be reached by. */
  issueLoopbackServer(): IssuedCertificate {
    return this.issue({
      commonName: '127.0.0.1',
      usage: 'server',
      altNames: [{ ip: '127.0.0.1' }, { dns: 'localhost' }, { ip: '::1' }],
    });
  }
}

interface BuildOptions {
  subject: Array<Record<string, unknown>>;
  issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | null;
  isCa: boolean;
  usage?: 'server' | 'client';
  altNames?: Array<{ dns: string } | { ip: string }> | undefined;
  extensions?: Array<{ id: string; valueDer?: string; critical?: boolean }> | undefined;
  notBefore?: Date | undefined;
  notAfter: Date;
}

function buildCertificate(options: BuildOptions): IssuedCertificate {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = nodeForge().pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const publicKey = nodeForge().pki.setRsaPublicKey(
    (forgeKey as forge.pki.rsa.PrivateKey).n,
    (forgeKey as forge.pki.rsa.PrivateKey).e,
  );
  const cert = nodeForge().pki.createCertificate();
  cert.publicKey = publicKey;
  // Positive serial: a leading 0x00..0x7f byte keeps DER from reading it as negative.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = options.notBefore ?? addDays(new Date(), -1);
  cert.validity.notAfter = options.notAfter;
  cert.setSubject(options.subject as forge.pki.CertificateField[]);
  cert.setIssuer(
    options.issuer ? options.issuer.cert.subject.attributes : (options.subject as forge.pki.CertificateField[]),
  );
  const extensions: Array<Record<string, unknown>> = [];
  if (options.isCa) {
    extensions.push({ name: 'basicConstraints', cA: true, critical: true });
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true });
  } else {
    extensions.push({ name: 'basicConstraints', cA: false });
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true });
    extensions.push(
      options.usage === 'server'
        ? { name: 'extKeyUsage', serverAuth: true }
        : { name: 'extKeyUsage', clientAuth: true },
    );
  }
  if (options.altNames?.length) {
    extensions.push({
      name: 'subjectAltName',
      altNames: options.altNames.map((alt) => ('dns' in alt ? { type: 2, value: alt.dns } : { type: 7, ip: alt.ip })),
    });
  }
  extensions.push({ name: 'subjectKeyIdentifier' });
  for (const extra of options.extensions ?? []) {
    extensions.push({
      id: extra.id,
      critical: extra.critical ?? false,
      value:
        extra.valueDer ??
        nodeForge()
          .asn1.toDer(nodeForge().asn1.create(nodeForge().asn1.Class.UNIVERSAL, nodeForge().asn1.Type.NULL, false, ''))
          .getBytes(),
    });
  }
  cert.setExtensions(extensions);
  cert.sign(
    options.issuer ? options.issuer.key : (forgeKey as forge.pki.rsa.PrivateKey),
    nodeForge().md.sha256.create(),
  );
  return { certPem: nodeForge().pki.certificateToPem(cert), keyPem };
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
