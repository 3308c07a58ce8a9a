import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultDataDir } from '../../core/paths';
import { writeFileDurably } from '../../core/workspace/json-file';
import type { Provider } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import {
  defaultStateDir,
  listenerNames,
  startEmulators,
  type EmulatorSet,
  type ListenerPorts,
} from '../../emulators/run';
import { EMULATORS } from '../../emulators/registry';
import { parseCommandArgs } from '../args';
import { write, type CliCommand } from '../command';

export const emulatorsStartCommand: CliCommand = {
  path: ['emulators', 'start'],
  summary: 'Start the local APNs, FCM, WNS, Web Push and Notification Hubs emulators until Ctrl+C.',
  usage: [
    'emulators start [--ports apns=8443,fcm=9090,…] [--port-file FILE] [--json] [--state DIR] [--only apns,fcm,…] [--data-dir DIR]',
    '',
    `  --ports       fixed ports by listener: ${listenerNames().join(', ')}`,
    '                (a port in use is an error; the others reuse their last port, or any free one)',
    '  --port-file   once every emulator listens, write the --json line to FILE (atomically; removed on stop)',
    '  --json        print one JSON line: every URL (admin and APNs production too), caPem and caFile',
    '  --state       keep the CA, keys, devices and ports here across restarts (default: in the data folder)',
    '  Pointing each SDK at them (base URLs, NODE_EXTRA_CA_CERTS, admin calls): docs/emulators.md',
  ].join('\n'),
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      state: { type: 'string' },
      only: { type: 'string' },
      ports: { type: 'string' },
      'port-file': { type: 'string' },
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
    const ports = values.ports === undefined ? undefined : parsePorts(values.ports);
    const portFile = values['port-file'] === undefined ? undefined : resolve(values['port-file']);
    // A file left by an earlier run must not tell a waiting CI job these emulators are up.
    if (portFile) await rm(portFile, { force: true });
    const dataDir = values['data-dir'] ?? defaultDataDir(io.env);
    const set = await startEmulators({
      dataDir,
      stateDir: resolve(values.state ?? defaultStateDir(dataDir)),
      ...(only ? { only } : {}),
      ...(ports ? { ports } : {}),
    });
    const line = JSON.stringify(machineReadable(set));
    if (portFile) await writeFileDurably(portFile, `${line}\n`, 0o644);
    if (values.json) {
      write(io.stdout, line);
    } else {
      write(io.stdout, 'Local emulators running on 127.0.0.1:');
      for (const [provider, running] of Object.entries(set.emulators)) {
        const host = running.productionUrl ? ' (sandbox)' : '';
        write(io.stdout, `  ${provider.padEnd(8)} ${running.baseUrl}${host}   (admin ${running.adminUrl}/__admin)`);
        if (running.productionUrl) write(io.stdout, `  ${''.padEnd(8)} ${running.productionUrl} (production)`);
        if (running.channelsUrl) write(io.stdout, `  ${''.padEnd(8)} ${running.channelsUrl} (channel management)`);
      }
      if (set.caFile) write(io.stdout, `Their CA: ${set.caFile} (NODE_EXTRA_CA_CERTS=${set.caFile} for Node clients).`);
      if (portFile) write(io.stdout, `Written to ${portFile} (the --json line).`);
      write(io.stdout, `Clients in the "local" environment find them through ${dataDir}/emulators/local.json.`);
      write(io.stdout, 'Press Ctrl+C to stop.');
    }
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    if (portFile) await rm(portFile, { force: true });
    await set.close();
    return 0;
  },
};

/** What `--json` prints and `--port-file` holds: every URL (admin and APNs production too) and the CA. */
function machineReadable(set: EmulatorSet): Record<string, unknown> {
  return { ...set.environment, ca: undefined, caPem: set.ca.certPem, caFile: set.caFile };
}

/** `apns=8443,fcm=9090`: a port for each named listener. */
function parsePorts(text: string): ListenerPorts {
  const names = listenerNames();
  const ports: Record<string, number> = {};
  for (const pair of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [name, value, extra] = pair.split('=').map((part) => part.trim());
    if (!name || value === undefined || extra !== undefined) {
      throw new AppError('INVALID_INPUT', `--ports takes name=port pairs separated by commas, not "${pair}".`);
    }
    if (!names.includes(name)) {
      throw new AppError('INVALID_INPUT', `--ports: no listener named "${name}". Known: ${names.join(', ')}.`);
    }
    const port = Number(value);
    if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
      throw new AppError('INVALID_INPUT', `--ports ${name}: a port is a whole number from 1 to 65535, not "${value}".`);
    }
    ports[name] = port;
  }
  return ports;
}
