import { nodeForge } from '../../core/credentials/forge';
import type { IssuedCertificate, LocalCa } from '../common/ca';

/** Apple's OIDs in push certificates (protocols.md §1.3). */
export const APPLE_PUSH_OIDS = {
  development: '1.2.840.113635.100.6.3.1',
  production: '1.2.840.113635.100.6.3.2',
  topics: '1.2.840.113635.100.6.3.6',
  uid: '0.9.2342.19200300.100.1.1',
} as const;

export type CertificateEnvironment = 'sandbox' | 'production' | 'universal';

const utf8 = (text: string) => {
  const asn1 = nodeForge().asn1;
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, nodeForge().util.encodeUtf8(text));
};

/** The `.6.3.6` value: `SEQUENCE { UTF8String topic, SEQUENCE { UTF8String kind } … }`, as Apple lays it out. */
export function topicsExtensionDer(topics: Array<{ topic: string; kind: string }>): string {
  const asn1 = nodeForge().asn1;
  const pairs = topics.flatMap(({ topic, kind }) => [
    utf8(topic),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [utf8(kind)]),
  ]);
  return asn1.toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, pairs)).getBytes();
}

/**
 * An Apple-like "Apple Push Services" client certificate signed by the emulators' CA: subject UID
 * is the bundle id, the topics extension lists the app, VoIP and complication topics, and the
 * environment extensions say sandbox, production or both.
 */
export function issueApnsCertificate(
  ca: LocalCa,
  input: { bundleId: string; environment?: CertificateEnvironment; notAfter?: Date },
): IssuedCertificate & { bundleId: string; topics: string[]; environment: CertificateEnvironment } {
  const environment = input.environment ?? 'universal';
  const pairs = [
    { topic: input.bundleId, kind: 'app' },
    { topic: `${input.bundleId}.voip`, kind: 'voip' },
    { topic: `${input.bundleId}.complication`, kind: 'complication' },
  ];
  const extensions: Array<{ id: string; valueDer?: string }> = [
    { id: APPLE_PUSH_OIDS.topics, valueDer: topicsExtensionDer(pairs) },
  ];
  if (environment !== 'production') extensions.push({ id: APPLE_PUSH_OIDS.development });
  if (environment !== 'sandbox') extensions.push({ id: APPLE_PUSH_OIDS.production });
  const issued = ca.issue({
    commonName: `Apple Push Services: ${input.bundleId}`,
    subject: { UID: input.bundleId, OU: 'EMULATED01' },
    usage: 'client',
    extensions,
    ...(input.notAfter ? { notAfter: input.notAfter } : {}),
  });
  return { ...issued, bundleId: input.bundleId, topics: pairs.map((pair) => pair.topic), environment };
}

/** What the emulator needs from a client certificate: its bundle id, topics and environments. */
export interface PeerIdentity {
  bundleId: string | null;
  topics: string[];
  sandbox: boolean;
  production: boolean;
}

/** Reads Apple's fields from a DER client certificate (from `socket.getPeerCertificate().raw`). */
export function readPeerIdentity(der: Buffer): PeerIdentity {
  const asn1 = nodeForge().asn1;
  const cert = nodeForge().pki.certificateFromAsn1(asn1.fromDer(der.toString('binary')));
  const extensions = cert.extensions as Array<{ id?: string; value?: unknown }>;
  const has = (id: string) => extensions.some((ext) => ext.id === id);
  const uid = cert.subject.getField({ type: APPLE_PUSH_OIDS.uid }) as { value?: string } | null;
  const topicsExt = extensions.find((ext) => ext.id === APPLE_PUSH_OIDS.topics);
  let topics: string[] = [];
  if (typeof topicsExt?.value === 'string') {
    const outer = asn1.fromDer(topicsExt.value);
    if (Array.isArray(outer.value)) {
      topics = outer.value
        .filter((child) => child.type === asn1.Type.UTF8 && typeof child.value === 'string')
        .map((child) => nodeForge().util.decodeUtf8(child.value as string));
    }
  }
  return {
    bundleId: uid?.value ?? null,
    topics,
    sandbox: has(APPLE_PUSH_OIDS.development),
    production: has(APPLE_PUSH_OIDS.production),
  };
}
