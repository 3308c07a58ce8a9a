import type { ChannelEnvironment } from '../../state/apns-channels';

export function environmentWords(environment: ChannelEnvironment | null): string {
  if (environment === 'local') return 'the local emulator';
  if (environment === 'production') return 'production';
  return 'the sandbox';
}
