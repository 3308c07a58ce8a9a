import { join } from 'node:path';
import { parseCommandArgs } from '../args';
import { write, type CliCommand } from '../command';
import { openCliCore } from '../send-support';

export const sandboxInitCommand: CliCommand = {
  path: ['sandbox', 'init'],
  summary: 'Create demo credentials, emulated devices and local profiles for every provider (needs `emulators start`).',
  usage: 'sandbox init [--json] [--data-dir DIR] [--workspace DIR] [--ephemeral-secrets]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
      workspace: { type: 'string' },
      'ephemeral-secrets': { type: 'boolean' },
    });
    const core = await openCliCore(values, io);
    try {
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
            `  echo '{"aps":{"alert":"Hello"}}' | npx push-console send apns --credential "Sandbox APNs key" --env local --topic dev.pushconsole.sandbox --token ${apns.target} --payload -`,
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
