import { fileURLToPath } from 'node:url';
import { createCore } from '../../core/core';
import { ephemeralSecretsRequested, NO_KEYCHAIN_START_LINE } from '../../core/credentials/keychain';
import { createLocalServices } from '../../local';
import { startBrowserServer } from '../../server/server';
import { parseCommandArgs, parsePort } from '../args';
import { write, type CliCommand } from '../command';

export const rendererDir = () => fileURLToPath(new URL('../renderer', import.meta.url));

export const serveCommand: CliCommand = {
  path: ['serve'],
  summary: 'Start browser mode: the full UI on http://127.0.0.1, for any browser on this machine.',
  usage: 'serve [--port N] [--ephemeral-secrets] [--data-dir DIR] [--workspace DIR]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      port: { type: 'string' },
      'ephemeral-secrets': { type: 'boolean' },
      'data-dir': { type: 'string' },
      workspace: { type: 'string' },
    });
    const core = await createCore({
      local: createLocalServices,
      mode: 'browser',
      dataDir: values['data-dir'] ?? io.env['PUSH_CONSOLE_DATA_DIR'],
      workspaceDir: values.workspace ?? io.env['PUSH_CONSOLE_WORKSPACE'],
      ephemeralSecrets: ephemeralSecretsRequested(values['ephemeral-secrets'], io.env),
      log: (line) => write(io.stderr, line),
    });
    const port = parsePort(values.port);
    const [server, keychain] = await Promise.all([
      startBrowserServer(
        port === undefined ? { core, rendererDir: rendererDir() } : { core, rendererDir: rendererDir(), port },
      ),
      core.secrets.status(),
    ]);
    // Said before the address, in one line, so nobody first learns it from a failed import.
    if (keychain.state === 'unavailable') write(io.stdout, NO_KEYCHAIN_START_LINE);
    write(io.stdout, `Push Console is running in browser mode: ${server.url}`);
    write(io.stdout, 'Open that address in a browser on this machine. Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    await core.close();
    return 0;
  },
};
