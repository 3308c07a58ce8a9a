import { platform } from 'node:os';
import type { Core } from '../core';
import { APP_NAME, appVersion } from '../version';
import type { Handlers } from './dispatcher';

export function appHandlers(core: Core): Pick<Handlers, 'app.info' | 'app.keepSecretsInMemory' | 'echo'> {
  return {
    'app.info': async () => ({
      name: APP_NAME,
      version: appVersion(),
      mode: core.mode,
      platform: platform(),
      keychain: await core.secrets.status(),
      dataDir: core.dataDir,
      workspaceDir: core.workspaceDir,
    }),
    'app.keepSecretsInMemory': () => core.secrets.keepInMemory(),
    echo: (input) => ({ text: input.text }),
  };
}
