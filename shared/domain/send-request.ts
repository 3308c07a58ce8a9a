import { z } from 'zod';
import { PROVIDER_IDS, PROVIDER_SPECS, type ProviderSpecs } from '../providers';

type SendSchema = ProviderSpecs[keyof ProviderSpecs]['sendSchema'];

/** One send, for any provider: what the composer, the CLI and bulk sends hand to main. */
export const sendRequestSchema = z.discriminatedUnion(
  'provider',
  PROVIDER_IDS.map((id) => PROVIDER_SPECS[id].sendSchema) as [SendSchema, ...SendSchema[]],
);
export type SendRequest = z.infer<typeof sendRequestSchema>;
export type SendRequestOf<P extends SendRequest['provider']> = Extract<SendRequest, { provider: P }>;
