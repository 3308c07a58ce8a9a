import { AppError } from '../../../../shared/errors';
import type { ProviderModule } from '../types';

// Placeholder until the nhub client lands: it refuses clearly instead of pretending to send.
export function createNhubProvider(): ProviderModule<'nhub'> {
  return {
    id: 'nhub',
    credentialKinds: [],
    preflight: () => [],
    send: async () => {
      throw new AppError('NOT_IMPLEMENTED', 'Sending with nhub is not available in this build yet.');
    },
  };
}
