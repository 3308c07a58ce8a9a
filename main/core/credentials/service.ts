import { AppError } from '../../../shared/errors';
import type { CredentialResolver, ResolvedCredential } from './types';
import type { SecretStore } from './keychain';

export interface CredentialServiceDeps {
  secrets: SecretStore;
  workspaceDir: string;
}

// Placeholder until credentials land (issue 4).
export function createCredentialService(_deps: CredentialServiceDeps): CredentialResolver {
  return {
    async resolve(idOrLabel: string): Promise<ResolvedCredential> {
      throw new AppError('NOT_FOUND', `No credential named "${idOrLabel}".`);
    },
  };
}
