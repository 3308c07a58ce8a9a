import { z } from 'zod';
import { providerSchema } from '../domain/exchange';
import { call, empty } from './call';

/** The metadata key that says who made a credential; the sandbox's demo credentials carry `'sandbox'`. */
export const CREDENTIAL_MANAGED_BY = 'managedBy';

/** A demo credential of "Try it locally": the sandbox makes its secret again when it is gone. */
export function isSandboxCredential(meta: { metadata: Record<string, unknown> }): boolean {
  return meta.metadata[CREDENTIAL_MANAGED_BY] === 'sandbox';
}

/** Emulated devices one “Add” on the Emulators screen makes at most. */
export const EMULATED_DEVICES_MAX = 1000;

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
  'sandbox.addDevices': call(
    z.object({ provider: providerSchema, count: z.number().int().min(1).max(EMULATED_DEVICES_MAX) }).strict(),
    z.object({ added: z.number(), labels: z.array(z.string()) }),
    'Add emulated devices the provider’s emulator knows, for the sandbox’s demo app, to Devices.',
  ),
  'sandbox.addPushToStartToken': call(
    z
      .object({
        attributesType: z
          .string()
          .max(200)
          .regex(
            /^[A-Za-z_][A-Za-z0-9_]*$/,
            'The Swift name of an ActivityAttributes struct, like DeliveryAttributes.',
          ),
      })
      .strict(),
    z.object({ label: z.string(), target: z.string(), added: z.boolean() }),
    'Save the sandbox app’s push-to-start token for an attributes type (from the APNs emulator) to Devices.',
  ),
  'sandbox.registerDevices': call(
    z.object({ provider: providerSchema }).strict(),
    z.object({ registered: z.number(), local: z.number() }),
    'Register the saved local devices (imported tokens) the provider’s emulator does not know yet.',
  ),
} as const;
