import { AppError } from '../../../../shared/errors';
import type { ProviderModule } from '../types';

// Placeholder until the webpush client lands: it refuses clearly instead of pretending to send.
export function createWebpushProvider(): ProviderModule<'webpush'> {
  return {
    id: 'webpush',
    credentialKinds: [],
    preflight: () => [],
    send: async () => {
      throw new AppError('NOT_IMPLEMENTED', 'Sending with webpush is not available in this build yet.');
    },
  };
}
