import type { LocalEnvironment } from '../../main/core/local/local-env';
import type { RunningWnsEmulator } from '../../main/emulators/wns';

/** The local environment a WNS emulator started in a test publishes: its push and token URLs, its CA. */
export function wnsLocalEnv(emulator: RunningWnsEmulator, ca: string): LocalEnvironment {
  return {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ca,
    wns: { baseUrl: emulator.baseUrl, tokenUrl: emulator.tokenUrl },
    admin: { wns: emulator.adminUrl },
  };
}
