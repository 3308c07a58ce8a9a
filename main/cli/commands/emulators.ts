import { defaultDataDir } from '../../core/paths';
import type { Provider } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import { defaultStateDir, startEmulators } from '../../emulators/run';
import { EMULATORS } from '../../emulators/registry';
import { parseCommandArgs } from '../args';
import { write, type CliCommand } from '../command';

export const emulatorsStartCommand: CliCommand = {
  path: ['emulators', 'start'],
  summary: 'Start the local APNs, FCM, WNS, Web Push and Notification Hubs emulators until Ctrl+C.',
  usage: 'emulators start [--state DIR] [--only apns,fcm,…] [--json] [--data-dir DIR]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      state: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
    });
    const only = values.only?.split(',').map((name) => name.trim()) as Provider[] | undefined;
    const known = EMULATORS.map((factory) => factory.provider);
    const unknown = only?.filter((name) => !known.includes(name));
    if (unknown?.length) {
      throw new AppError(
        'INVALID_INPUT',
        `No emulator named ${unknown.join(', ')}. Built: ${known.join(', ') || 'none'}.`,
      );
    }
    const dataDir = values['data-dir'] ?? defaultDataDir(io.env);
    const set = await startEmulators({
      dataDir,
      stateDir: values.state ?? defaultStateDir(dataDir),
      ...(only ? { only } : {}),
    });
    if (values.json) {
      write(io.stdout, JSON.stringify({ ...set.environment, ca: undefined, caPem: set.ca.certPem }));
    } else {
      write(io.stdout, 'Local emulators running on 127.0.0.1:');
      for (const [provider, running] of Object.entries(set.emulators)) {
        const host = running.productionUrl ? ' (sandbox)' : '';
        write(io.stdout, `  ${provider.padEnd(8)} ${running.baseUrl}${host}   (admin ${running.adminUrl}/__admin)`);
        if (running.productionUrl) write(io.stdout, `  ${''.padEnd(8)} ${running.productionUrl} (production)`);
      }
      write(io.stdout, `Clients in the "local" environment find them through ${dataDir}/emulators/local.json.`);
      write(io.stdout, 'Press Ctrl+C to stop.');
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await set.close();
    return 0;
  },
};
