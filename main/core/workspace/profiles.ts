import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { profileInputSchema, profileSchema, type Profile, type ProfileInput } from '../../../shared/domain/profile';
import { AppError } from '../../../shared/errors';
import type { CredentialResolver } from '../credentials/types';
import { FileLock, readJsonFile, writeJsonFileAtomic } from './json-file';

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(profileSchema) });

/** Which credential kinds each provider sends with (checked when a profile is saved). */
const KINDS: Record<Profile['provider'], readonly string[]> = {
  apns: ['apns-token', 'apns-certificate'],
  fcm: ['fcm-service-account'],
  wns: ['wns'],
  webpush: ['vapid'],
  nhub: ['nhub'],
};

/** Profiles in the workspace's profiles.json: plain JSON, safe to commit, no secrets. */
export class ProfileStore {
  readonly #file: string;
  readonly #credentials: CredentialResolver;
  readonly #lock = new FileLock();

  constructor(workspaceDir: string, credentials: CredentialResolver) {
    this.#file = join(workspaceDir, 'profiles.json');
    this.#credentials = credentials;
  }

  async list(): Promise<Profile[]> {
    return (await this.#read()).profiles;
  }

  async get(id: string): Promise<Profile> {
    const profile = (await this.list()).find((candidate) => candidate.id === id || candidate.name === id);
    if (!profile) throw new AppError('NOT_FOUND', `No profile named "${id}".`);
    return profile;
  }

  save(input: ProfileInput): Promise<Profile> {
    return this.#lock.run(async () => {
      const parsed = profileInputSchema.parse(input);
      await this.#checkCredential(parsed.provider, parsed.credentialId, parsed.environment);
      const file = await this.#read();
      const now = new Date().toISOString();
      const clash = file.profiles.find((p) => p.name === parsed.name && p.id !== parsed.id);
      if (clash)
        throw new AppError('CONFLICT', `A profile named "${parsed.name}" already exists.`, 'Pick another name.');
      const existing = parsed.id ? file.profiles.find((p) => p.id === parsed.id) : undefined;
      const profile: Profile = {
        ...parsed,
        id: existing?.id ?? randomUUID(),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      const profiles = existing
        ? file.profiles.map((p) => (p.id === profile.id ? profile : p))
        : [...file.profiles, profile];
      await writeJsonFileAtomic(this.#file, { version: 1, profiles });
      return profile;
    });
  }

  async duplicate(id: string): Promise<Profile> {
    const original = await this.get(id);
    const names = new Set((await this.list()).map((p) => p.name));
    let name = `${original.name} copy`;
    for (let n = 2; names.has(name); n++) name = `${original.name} copy ${n}`;
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = original;
    return this.save({ ...rest, name });
  }

  remove(id: string): Promise<void> {
    return this.#lock.run(async () => {
      const file = await this.#read();
      const profiles = file.profiles.filter((p) => p.id !== id);
      if (profiles.length === file.profiles.length) throw new AppError('NOT_FOUND', `No profile with id "${id}".`);
      await writeJsonFileAtomic(this.#file, { version: 1, profiles });
    });
  }

  async #read(): Promise<z.infer<typeof fileSchema>> {
    return readJsonFile(this.#file, fileSchema, { version: 1 as const, profiles: [] });
  }

  /** The credential must exist, suit the provider, and (for certificates) allow the environment. */
  async #checkCredential(provider: Profile['provider'], credentialId: string, environment: Profile['environment']) {
    const { meta } = await this.#credentials.resolve(credentialId);
    if (!KINDS[provider].includes(meta.kind)) {
      throw new AppError(
        'CREDENTIAL_INVALID',
        `"${meta.label}" is a ${meta.kind} credential; ${provider} profiles need ${KINDS[provider].join(' or ')}.`,
      );
    }
    const certEnv = meta.kind === 'apns-certificate' ? meta.metadata['environment'] : undefined;
    if (certEnv === 'sandbox' && environment === 'production') {
      throw new AppError(
        'ENVIRONMENT_MISMATCH',
        `"${meta.label}" is a sandbox-only (development) certificate; APNs production would refuse it.`,
        'Use a production or universal certificate, or keep this profile on sandbox.',
      );
    }
    if (certEnv === 'production' && environment === 'sandbox') {
      throw new AppError(
        'ENVIRONMENT_MISMATCH',
        `"${meta.label}" is a production-only certificate; the APNs sandbox would refuse it.`,
        'Use a development or universal certificate, or switch this profile to production.',
      );
    }
  }
}
