import { AppError } from '../../../../shared/errors';
import type { ProviderModule } from '../types';

// Placeholder until the apns client lands: it refuses clearly instead of pretending to send.
export function createApnsProvider(): ProviderModule<'apns'> {
  return {
    id: 'apns',
    credentialKinds: [],
    preflight: () => [],
    send: async () => {
      throw new AppError('NOT_IMPLEMENTED', 'Sending with apns is not available in this build yet.');
    },
  };
}
