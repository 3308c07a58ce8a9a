import { z } from 'zod';
import { providerSchema } from '../domain/exchange';
import { call, empty } from './call';

/** The metadata key that says who made a credential; the sandbox's demo credentials carry `'sandbox'`. */
export const CREDENTIAL_MANAGED_BY = 'managedBy';

/** A demo credential of "Try it locally": the sandbox makes its secret again when it is gone. */
export function isSandboxCredential(meta: { metadata: Record<string, unknown> }): boolean {
  return meta.metadata[CREDENTIAL_MANAGED_BY] === 'sandbox';
}

/** Local sandbox. */
export const sandboxCalls = {
  'sandbox.init': call(
    empty,
    z.array(
      z.object({
        provider: providerSchema,
        ok: z.boolean(),
        message: z.string(),
        profileId: z.string().optional(),
        deviceId: z.string().optional(),
      }),
    ),
    'Try it locally: demo credentials, emulated devices and local profiles for every provider.',
  ),
} as const;
