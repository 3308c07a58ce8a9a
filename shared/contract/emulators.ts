import { z } from 'zod';
import { providerSchema } from '../domain/exchange';
import { faultRuleSchema } from '../domain/fault-rule';
import { call, empty } from './call';

export const emulatorStatusSchema = z.object({
  running: z.enum(['here', 'elsewhere', 'no']),
  pid: z.number().nullable(),
  available: z.array(providerSchema),
  endpoints: z.array(z.object({ provider: providerSchema, baseUrl: z.string(), deliveries: z.number() })),
});

export const deliverySchema = z.object({
  id: z.string(),
  provider: z.string(),
  device: z.string(),
  receivedAt: z.string(),
  headers: z.record(z.string(), z.string()),
  payload: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** Local emulators. */
export const emulatorsCalls = {
  'emulators.status': call(
    empty,
    emulatorStatusSchema,
    'Whether the local emulators run, where, and how much they received.',
  ),
  'emulators.start': call(empty, emulatorStatusSchema, 'Start every local emulator inside this app.'),
  'emulators.stop': call(empty, emulatorStatusSchema, 'Stop the emulators this app started.'),
  'emulators.inbox': call(
    z.object({ provider: providerSchema, device: z.string().optional() }).strict(),
    z.array(deliverySchema),
    'What an emulator delivered, newest first (500 at most).',
  ),
  'emulators.clearInbox': call(
    z.object({ provider: providerSchema }).strict(),
    z.object({ cleared: z.literal(true) }),
    'Empty an inbox.',
  ),
  'emulators.faults': call(
    z.object({ provider: providerSchema }).strict(),
    z.array(faultRuleSchema.extend({ id: z.string(), hits: z.number().optional() })),
    'Fault rules of one emulator.',
  ),
  'emulators.addFault': call(
    z.object({ provider: providerSchema, rule: faultRuleSchema }).strict(),
    faultRuleSchema.extend({ id: z.string() }),
    'Add a fault rule (status, delay, reset, GOAWAY) to one emulator.',
  ),
  'emulators.removeFault': call(
    z.object({ provider: providerSchema, id: z.string() }).strict(),
    z.object({ removed: z.boolean() }),
    'Remove a fault rule.',
  ),
} as const;
