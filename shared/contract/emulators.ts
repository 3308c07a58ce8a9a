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

/** An emulated Live Activity of the APNs emulator, as the Emulators screen lists it. */
export const emulatedActivitySchema = z.object({
  activityId: z.string(),
  /** Its update token now (rotation gives it a new one). */
  token: z.string(),
  bundleId: z.string(),
  environment: z.string(),
  attributesType: z.string().optional(),
  label: z.string().optional(),
  contentState: z.unknown().optional(),
  /** The last `aps.timestamp` it took; older updates are dropped. */
  lastTimestamp: z.number().optional(),
  /** When an end arrived (milliseconds since epoch); unset while it runs. */
  endedAt: z.number().optional(),
  /** The push-to-start token that started it, when one did. */
  startedBy: z.string().optional(),
  channels: z.array(z.string()).optional(),
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
  'emulators.liveActivities': call(
    empty,
    z.array(emulatedActivitySchema),
    'The APNs emulator’s emulated Live Activities, with their update tokens and content-state.',
  ),
  'emulators.rotateActivityToken': call(
    z.object({ activityId: z.string().min(1).max(100) }).strict(),
    z.object({ activityId: z.string(), token: z.string(), previousToken: z.string() }),
    'Give an emulated Live Activity a new update token; the old one is answered 410 from then on.',
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
