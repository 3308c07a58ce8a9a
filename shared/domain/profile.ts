import { z } from 'zod';
import { environmentSchema } from './environment';
import { providerSchema } from './exchange';

/** A credential bound to a provider and an environment, with that provider's default options. */
export const profileSchema = z.object({
  id: z.string(),
  name: z.string().trim().min(1, 'A profile needs a name.').max(80),
  provider: providerSchema,
  credentialId: z.string().min(1, 'Pick a credential.'),
  environment: environmentSchema,
  /** Provider defaults merged under each send's options (APNs topic, NH format, WNS type…). */
  defaults: z.record(z.string(), z.unknown()).default({}),
  /** Ask before each production send and bulk send; unset means yes for a production profile. */
  confirmProduction: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

/** Whether a send with this profile first asks "Send to production?". */
export function asksBeforeSending(profile: Pick<Profile, 'environment' | 'confirmProduction'>): boolean {
  return profile.environment === 'production' && profile.confirmProduction !== false;
}

export const profileInputSchema = profileSchema
  .omit({ id: true, createdAt: true, updatedAt: true })
  .extend({ id: z.string().optional() });
export type ProfileInput = z.input<typeof profileInputSchema>;

/** One provider's unsaved composer state. Kept in main so a window reload loses nothing. */
export const draftSchema = z.object({
  profileId: z.string().nullable(),
  target: z.string(),
  options: z.record(z.string(), z.unknown()),
  payload: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;

export const composerStateSchema = z.object({
  provider: providerSchema,
  drafts: z.partialRecord(providerSchema, draftSchema),
});
export type ComposerState = z.infer<typeof composerStateSchema>;

/** A saved payload + options, per provider, in the workspace's presets/ folder. */
export const presetSchema = z.object({
  name: z.string().trim().min(1).max(80),
  provider: providerSchema,
  options: z.record(z.string(), z.unknown()).default({}),
  payload: z.string(),
});
export type Preset = z.infer<typeof presetSchema>;
