import { AppError } from '../../../../shared/errors';
import type { ProviderModule } from '../types';

// Placeholder until the fcm client lands: it refuses clearly instead of pretending to send.
export function createFcmProvider(): ProviderModule<'fcm'> {
  return {
    id: 'fcm',
    credentialKinds: [],
    preflight: () => [],
    send: async () => {
      throw new AppError('NOT_IMPLEMENTED', 'Sending with fcm is not available in this build yet.');
    },
  };
}
