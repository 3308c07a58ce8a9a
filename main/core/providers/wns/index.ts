import { AppError } from '../../../../shared/errors';
import type { ProviderModule } from '../types';

// Placeholder until the wns client lands: it refuses clearly instead of pretending to send.
export function createWnsProvider(): ProviderModule<'wns'> {
  return {
    id: 'wns',
    credentialKinds: [],
    preflight: () => [],
    send: async () => {
      throw new AppError('NOT_IMPLEMENTED', 'Sending with wns is not available in this build yet.');
    },
  };
}
