import { z } from 'zod';
import { PROVIDER_IDS } from '../providers/ids';

/** A header as it went over the wire, order kept; HTTP/2 pseudo-headers appear first as `:method` etc. */
export const headerSchema = z.tuple([z.string(), z.string()]);
export type Header = z.infer<typeof headerSchema>;

export const bodySchema = z.object({
  /** `text` for UTF-8 bodies, `base64` for binary ones. */
  encoding: z.enum(['text', 'base64']),
  data: z.string(),
  /** Size in bytes as sent or received, before any cap. */
  size: z.number().int().nonnegative(),
  truncated: z.boolean(),
});
export type RecordedBody = z.infer<typeof bodySchema>;

export const timingsSchema = z.object({
  /** Time queued for a free connection or HTTP/2 stream slot (HAR `blocked`). */
  blocked: z.number().optional(),
  /** Milliseconds; -1 when the phase did not happen (for example a reused connection). */
  dns: z.number(),
  connect: z.number(),
  tls: z.number(),
  send: z.number(),
  ttfb: z.number(),
  download: z.number(),
  total: z.number(),
});
export type Timings = z.infer<typeof timingsSchema>;

export const certificateSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
  /** Absent on exchanges recorded before these were kept. `DNS:api.push.apple.com`, `IP Address:127.0.0.1`. */
  subjectAltNames: z.array(z.string()).optional(),
  serialNumber: z.string().optional(),
  /** The public key in words: `EC P-256`, `RSA 2048 bits`. */
  publicKey: z.string().optional(),
});
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

export const tlsInfoSchema = z.object({
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  alpn: z.string().nullable(),
  peerCertificate: certificateSummarySchema.nullable(),
  peerChain: z.array(certificateSummarySchema).default([]),
  clientCertificateSubject: z.string().nullable(),
  /** Whether the server's chain verified (a connection that failed verification never carries a request). */
  authorized: z.boolean().optional(),
  authorizationError: z.string().nullable().optional(),
  /** What the chain was verified against: the system's roots, or roots the request named (the local CA). */
  trustedRoots: z.enum(['system', 'custom']).optional(),
});
export type TlsInfo = z.infer<typeof tlsInfoSchema>;

export const exchangeErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** HTTP/2 RST_STREAM or GOAWAY error code name, e.g. `NGHTTP2_REFUSED_STREAM`. */
  http2Code: z.string().optional(),
  /** GOAWAY opaque data, decoded as text (APNs sends a JSON reason there). */
  goawayReason: z.string().optional(),
});

/** The provider ids (`shared/providers/ids.ts`); the registry has a spec for each. */
export const providerSchema = z.enum(PROVIDER_IDS);
export type Provider = z.infer<typeof providerSchema>;

export const exchangeSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  purpose: z.enum(['send', 'auth', 'other']),
  provider: providerSchema.optional(),
  /** Free text naming the target (token prefix, topic, channel) for lists. */
  target: z.string().optional(),
  method: z.string(),
  url: z.string(),
  httpVersion: z.enum(['1.1', '2']),
  requestHeaders: z.array(headerSchema),
  requestBody: bodySchema.nullable(),
  /**
   * What the provider encrypted into the request body (a Web Push payload before RFC 8291), kept
   * in main like any body and redacted the same way.
   */
  requestPlaintext: bodySchema.optional(),
  status: z.number().int().nullable(),
  responseHeaders: z.array(headerSchema),
  responseBody: bodySchema.nullable(),
  timings: timingsSchema,
  tls: tlsInfoSchema.nullable(),
  connectionId: z.number().int(),
  connectionReused: z.boolean(),
  remoteAddress: z.string().nullable(),
  error: exchangeErrorSchema.nullable(),
  /** Names of the parts that were redacted at record time, so viewers can say so. */
  redactions: z.array(z.string()).default([]),
  /** Provider-specific annotations (decoded JWT claims, encryption steps, NH outcome…), never secrets. */
  notes: z.record(z.string(), z.unknown()).optional(),
});
export type Exchange = z.infer<typeof exchangeSchema>;
