import { z } from 'zod';
import { providerSchema } from '../domain/exchange';
import { call, empty } from './call';

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
