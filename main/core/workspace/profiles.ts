import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { profileInputSchema, profileSchema, type Profile, type ProfileInput } from '../../../shared/domain/profile';
import { AppError } from '../../../shared/errors';
import { providerSpec } from '../../../shared/providers';
import type { CredentialResolver } from '../credentials/types';
import { JsonFile } from './json-file';

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(profileSchema) });
type ParsedProfile = z.output<typeof profileInputSchema>;

/** Profiles in the workspace's profiles.json: plain JSON, safe to commit, no secrets. */
export class ProfileStore {
  readonly #file: JsonFile<typeof fileSchema>;
  readonly #credentials: CredentialResolver;

  constructor(workspaceDir: string, credentials: CredentialResolver) {
    this.#file = new JsonFile(join(workspaceDir, 'profiles.json'), fileSchema, () => ({ version: 1, profiles: [] }));
    this.#credentials = credentials;
  }

  async list(): Promise<Profile[]> {
    return (await this.#file.read()).profiles;
  }

  async get(id: string): Promise<Profile> {
    return find(await this.list(), id);
  }

  async save(input: ProfileInput): Promise<Profile> {
    const parsed = profileInputSchema.parse(input);
    await this.#checkCredential(parsed.provider, parsed.credentialId, parsed.environment);
    return this.#file.update((file) => {
      const existing = parsed.id ? file.profiles.find((p) => p.id === parsed.id) : undefined;
      return put(file.profiles, parsed, existing);
    });
  }

  /**
   * Saves the profile called `input.name`, creating it or updating the one of that name, in one
   * locked change: two processes setting up the same profile end with one, not a name clash.
   */
  async saveByName(input: Omit<ProfileInput, 'id'>): Promise<Profile> {
    const parsed = profileInputSchema.parse(input);
    await this.#checkCredential(parsed.provider, parsed.credentialId, parsed.environment);
    return this.#file.update((file) => {
      const existing = file.profiles.find((p) => p.name === parsed.name);
      return put(file.profiles, { ...parsed, ...(existing ? { id: existing.id } : {}) }, existing);
    });
  }

  /** The copy's name ("… copy", "… copy 2") is picked under the lock, from the file as it is then. */
  async duplicate(id: string): Promise<Profile> {
    const checked = await this.get(id);
    await this.#checkCredential(checked.provider, checked.credentialId, checked.environment);
    return this.#file.update((file) => {
      const original = find(file.profiles, id);
      const names = new Set(file.profiles.map((p) => p.name));
      let name = `${original.name} copy`;
      for (let n = 2; names.has(name); n++) name = `${original.name} copy ${n}`;
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = original;
      return put(file.profiles, { ...rest, name }, undefined);
    });
  }

  remove(id: string): Promise<void> {
    return this.#file.update((file) => {
      const profiles = file.profiles.filter((p) => p.id !== id);
      if (profiles.length === file.profiles.length) throw new AppError('NOT_FOUND', `No profile with id "${id}".`);
      return { value: { version: 1, profiles }, result: undefined };
    });
  }

  /** The credential must exist, suit the provider, and (for certificates) allow the environment. */
  async #checkCredential(provider: Profile['provider'], credentialId: string, environment: Profile['environment']) {
    const { meta } = await this.#credentials.resolve(credentialId);
    const kinds = providerSpec(provider).credentialKinds;
    if (!kinds.includes(meta.kind)) {
      throw new AppError(
        'CREDENTIAL_INVALID',
        `"${meta.label}" is a ${meta.kind} credential; ${provider} profiles need ${kinds.join(' or ')}.`,
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

function find(profiles: Profile[], idOrName: string): Profile {
  const profile = profiles.find((candidate) => candidate.id === idOrName || candidate.name === idOrName);
  if (!profile) throw new AppError('NOT_FOUND', `No profile named "${idOrName}".`);
  return profile;
}

/** The new list with `parsed` added, or in place of `existing`; refuses a second profile of one name. */
function put(
  profiles: Profile[],
  parsed: ParsedProfile,
  existing: Profile | undefined,
): { value: { version: 1; profiles: Profile[] }; result: Profile } {
  const clash = profiles.find((p) => p.name === parsed.name && p.id !== parsed.id);
  if (clash) throw new AppError('CONFLICT', `A profile named "${parsed.name}" already exists.`, 'Pick another name.');
  const now = new Date().toISOString();
  const profile: Profile = {
    ...parsed,
    id: existing?.id ?? randomUUID(),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  const next = existing ? profiles.map((p) => (p.id === profile.id ? profile : p)) : [...profiles, profile];
  return { value: { version: 1, profiles: next }, result: profile };
}
