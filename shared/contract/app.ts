import { z } from 'zod';
import { call, empty } from './call';

export const keychainStatusSchema = z.object({
  state: z.enum(['available', 'unavailable', 'ephemeral']),
  /** Which backend answered, e.g. "Secret Service", or why none did. */
  message: z.string(),
  hint: z.string().optional(),
  /** The backend's own words on why it failed (a D-Bus message): for the About panel, not the banner. */
  detail: z.string().optional(),
});
export type KeychainStatus = z.infer<typeof keychainStatusSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser', 'cli']),
  platform: z.string(),
  keychain: keychainStatusSchema,
  dataDir: z.string(),
  workspaceDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appCalls = {
  'app.info': call(empty, appInfoSchema, 'Name, version, mode and keychain status.'),
  'app.keepSecretsInMemory': call(
    empty,
    keychainStatusSchema,
    'With no keychain reachable, keep secrets in memory for the rest of this run: the user’s explicit choice, never a fallback.',
  ),
  echo: call(
    z.object({ text: z.string().max(100_000) }).strict(),
    z.object({ text: z.string() }),
    'Returns its input; used by tests to exercise the whole path.',
  ),
} as const;
