import { z } from 'zod';
import { environmentSchema } from '../../domain/environment';

/**
 * The FCM send request. `target` is the token, topic or condition text; `options.targetKind`
 * says which (`auto` recognises `/topics/name` and `'a' in topics` conditions). `payload` is the
 * HTTP v1 `message` object as JSON *without* its target field: the client adds `token`, `topic`
 * or `condition` from `target`. A payload that already names its own target (or is wrapped as
 * `{"message": {...}}`) is accepted when the target field is empty.
 */
export const fcmTargetKindSchema = z
  .enum(['auto', 'token', 'topic', 'condition'])
  .describe('What the target is: a registration token, a topic name, or a topic condition. Auto recognises them.')
  .meta({ title: 'Target kind' });
export type FcmTargetKind = z.infer<typeof fcmTargetKindSchema>;

export const fcmOptionsSchema = z.object({
  targetKind: fcmTargetKindSchema.default('auto'),
  validateOnly: z
    .boolean()
    .default(false)
    .describe('FCM validates the message and the target (validate_only) but delivers nothing.')
    .meta({ title: 'Dry run' }),
});
export type FcmOptions = z.infer<typeof fcmOptionsSchema>;

export const fcmSendSchema = z.object({
  provider: z.literal('fcm'),
  credential: z.string().min(1),
  environment: environmentSchema,
  /** Registration token, topic name (`news` or `/topics/news`), or condition (`'a' in topics && 'b' in topics`). */
  target: z.string(),
  options: fcmOptionsSchema.default({ targetKind: 'auto', validateOnly: false }),
  /** The `message` JSON minus its target. */
  payload: z.string(),
});
export type FcmSendRequest = z.infer<typeof fcmSendSchema>;
