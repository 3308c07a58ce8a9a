import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../shared/errors';
import { readLocalEnvironment } from '../../core/local/local-env';
import { parseCommandArgs } from '../args';
import { write, type CliCommand, type CliIo } from '../command';
import { openCliCore } from '../send-support';

function seconds(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 600) {
    throw new AppError('INVALID_INPUT', `--wait is a number of seconds up to 600, not "${value}".`);
  }
  return Number(value);
}

/**
 * `--wait`: lets `emulators start &` and `sandbox init` run one after the other in one script,
 * since the emulators publish where they are a moment after their process starts.
 */
async function waitForEmulators(dataDir: string, waitSeconds: number, io: CliIo): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  let said = false;
  while (!(await readLocalEnvironment(dataDir)) && Date.now() < deadline) {
    if (!said) write(io.stderr, `Waiting up to ${waitSeconds} s for the local emulators…`);
    said = true;
    await sleep(100);
  }
}

export const sandboxInitCommand: CliCommand = {
  path: ['sandbox', 'init'],
  summary: 'Create demo credentials, emulated devices and local profiles for every provider (needs `emulators start`).',
  usage: 'sandbox init [--wait SECONDS] [--json] [--data-dir DIR] [--workspace DIR] [--ephemeral-secrets]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
      workspace: { type: 'string' },
      'ephemeral-secrets': { type: 'boolean' },
      wait: { type: 'string' },
    });
    const core = await openCliCore(values, io);
    try {
      if (values.wait !== undefined) await waitForEmulators(core.dataDir, seconds(values.wait), io);
      const steps = await core.sandbox.init({ startEmulators: false });
      if (values.json) write(io.stdout, JSON.stringify(steps, null, 2));
      else {
        for (const step of steps) write(io.stdout, `${step.ok ? '✓' : '✗'} ${step.provider.padEnd(8)} ${step.message}`);
        const devices = (await core.devices.list()).filter((d) => d.tags.includes('sandbox'));
        write(io.stdout, '\nTry a push:');
        const apns = devices.find((d) => d.provider === 'apns');
        if (apns) {
          write(
            io.stdout,
            `  echo '{"aps":{"alert":"Hello"}}' | npx push-console send apns --credential "Sandbox APNs key" --env local --topic dev.pushconsole.sandbox --device "${apns.label}" --payload -`,
          );
        }
        // The full path: a bare "devices.json" names no folder the user can find.
        write(
          io.stdout,
          `  npx push-console send --help lists the send commands for every provider; the devices are in ${join(core.workspaceDir, 'devices.json')}.`,
        );
      }
      return steps.every((step) => step.ok) ? 0 : 1;
    } finally {
      await core.close();
    }
  },
};
