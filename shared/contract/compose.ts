import { z } from 'zod';
import { providerSchema } from '../domain/exchange';
import { composerStateSchema, presetSchema, profileInputSchema, profileSchema } from '../domain/profile';
import { sendRequestSchema } from '../domain/send-request';
import { sendResultSchema } from '../domain/send-result';
import { preflightIssueSchema } from '../preflight/types';
import { call, empty } from './call';

/** Composer: profiles, drafts, presets and sending. */
export const composeCalls = {
  'profiles.list': call(empty, z.array(profileSchema), 'Every profile in the workspace.'),
  'profiles.save': call(profileInputSchema, profileSchema, 'Create (no id) or update a profile.'),
  'profiles.duplicate': call(z.object({ id: z.string() }).strict(), profileSchema, 'Copy a profile under a new name.'),
  'profiles.remove': call(
    z.object({ id: z.string() }).strict(),
    z.object({ removed: z.literal(true) }),
    'Delete a profile.',
  ),
  'composer.load': call(empty, composerStateSchema, 'The unsaved composer state kept in main.'),
  'composer.save': call(composerStateSchema, z.object({ saved: z.literal(true) }), 'Keep the composer state in main.'),
  'presets.list': call(
    z.object({ provider: providerSchema.optional() }).strict(),
    z.array(presetSchema),
    'Saved payloads.',
  ),
  'presets.save': call(presetSchema, presetSchema, 'Save a payload and options as a preset.'),
  'presets.remove': call(
    z.object({ provider: providerSchema, name: z.string() }).strict(),
    z.object({ removed: z.literal(true) }),
    'Delete a preset.',
  ),
  'send.preflight': call(sendRequestSchema, z.array(preflightIssueSchema), 'Preflight without sending.'),
  'send.run': call(
    z
      .object({
        sendId: z.string().min(1).max(100),
        request: sendRequestSchema,
        ignorePreflight: z.boolean().optional(),
      })
      .strict(),
    z.object({ result: sendResultSchema, preflight: z.array(preflightIssueSchema) }),
    'Send once; progress arrives as send.progress events; cancellable with send.cancel.',
  ),
  'send.cancel': call(
    z.object({ sendId: z.string() }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Abort a running send.',
  ),
} as const;
