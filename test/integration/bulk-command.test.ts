import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import type { RunningApnsEmulator } from '../../main/emulators/apns';
import { missingKeyringSession, useCliSandbox } from '../support/cli-harness';
import { describeWithSystem, missingExecutable } from '../support/system';

const BUNDLE = 'com.example.bulkcli';
const ROOT = join(import.meta.dirname, '../..');

/**
 * `push-console bulk apns` in child processes against the APNs emulator, with the real keychain:
 * per-device values from a devices CSV, --json-lines (one result per line, no bar), the summary
 * with reasons, the exit code, and the progress bar when stderr is a terminal.
 */
describeWithSystem(
  'push-console bulk (child processes, real keychain)',
  missingKeyringSession() ?? missingExecutable('/usr/bin/script', 'util-linux'),
  () => {
    let dir: string;
    let apns: RunningApnsEmulator;
    let tokens: string[];
    let key: { keyId: string; teamId: string };

    const cli = useCliSandbox<RunningApnsEmulator>('bulk-cli-', 'apns', async (folder, emulator) => {
      dir = folder;
      apns = emulator;
      const created = apns.createKey({});
      key = created;
      await writeFile(join(dir, 'key.p8'), created.keyPem);
      tokens = Array.from({ length: 4 }, () => apns.createDevice({ bundleId: BUNDLE }).token);
      apns.unregisterDevice(tokens[3]!);
      const rows = tokens.map((token, i) => `Phone ${i},apns,ios,local,${token},${i + 1}`);
      await writeFile(
        join(dir, 'devices.csv'),
        ['label,provider,platform,environment,target,field:badge', ...rows].join('\n'),
      );
      await writeFile(join(dir, 'good.txt'), `# three live devices\n${tokens.slice(0, 3).join('\n')}\n`);
      await writeFile(join(dir, 'payload.json'), '{"aps":{"alert":"Hi {{device.label}}","badge":{{device.badge}}}}');
      await writeFile(join(dir, 'plain.json'), '{"aps":{"alert":"Hello"}}');
    });

    const bulk = (targets: string, payload: string, ...extra: string[]) => [
      'bulk',
      'apns',
      '--credential',
      'Bulk key',
      '--env',
      'local',
      '--targets',
      join(dir, targets),
      '--payload',
      join(dir, payload),
      // Spelled as `send apns` spells it; the bad run below uses --option.
      '--topic',
      BUNDLE,
      ...extra,
    ];

    it('sends per-device payloads, prints one JSON line per target or a summary, and exits 1 on failures', async () => {
      const add = [
        'credentials',
        'add',
        'apns-token',
        '--file',
        join(dir, 'key.p8'),
        '--key-id',
        key.keyId,
        '--team-id',
        key.teamId,
        '--label',
        'Bulk key',
      ];
      const [added, lines, summary, clean, bad] = await cli(
        add,
        bulk('devices.csv', 'payload.json', '--json-lines'),
        bulk('devices.csv', 'payload.json', '--concurrency', '2'),
        bulk('good.txt', 'plain.json'),
        bulk('good.txt', 'plain.json', '--option', 'pushType=bogus'),
      );
      expect(added, added?.err).toMatchObject({ code: 0 });

      expect(lines, lines?.err).toMatchObject({ code: 1 });
      const results = lines!.out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { index: number; outcome: string; reason: string | null; status: number });
      expect(results.sort((a, b) => a.index - b.index).map((r) => [r.outcome, r.status, r.reason])).toEqual([
        ['accepted', 200, null],
        ['accepted', 200, null],
        ['accepted', 200, null],
        ['rejected', 410, 'Unregistered'],
      ]);
      // No bar in --json-lines mode (and none when stderr is not a terminal): only the summary.
      expect(lines!.err).not.toContain('[');
      expect(lines!.err).toMatch(/4 targets in [\d.]+s: 3 accepted, 1 rejected, 0 failed/);
      for (let i = 0; i < 3; i++) {
        const payloads = apns.inbox.list(tokens[i]!.toLowerCase()).map((d) => JSON.parse(d.payload));
        expect(payloads[0]).toEqual({ aps: { alert: `Hi Phone ${i}`, badge: i + 1 } });
      }

      expect(summary, summary?.err).toMatchObject({ code: 1 });
      expect(summary!.out).toMatch(/^4 targets in [\d.]+s: 3 accepted, 1 rejected, 0 failed\n {2}1 × Unregistered$/);

      expect(clean, clean?.err).toMatchObject({ code: 0 });
      expect(clean!.out).toMatch(/^3 targets in [\d.]+s: 3 accepted, 0 rejected, 0 failed$/);

      // A bad option names the flag, in one line, and sends nothing.
      expect(bad).toMatchObject({ code: 1, out: '' });
      expect(bad!.err.trim()).toMatch(/^push-console: The bulk send is not valid: --option pushType: .*"alert"/);
      expect(bad!.err).not.toMatch(/\n\s+at /);
    }, 120_000);

    it('retries a dropped connection unless --at-most-once', async () => {
      // The first send of each run loses its connection before any answer.
      apns.faults.add({ action: { kind: 'reset', scope: 'connection' }, nth: 1, times: 1 });
      const [retried] = await cli(bulk('good.txt', 'plain.json', '--json-lines', '--concurrency', '1'));
      apns.faults.clear();
      apns.faults.add({ action: { kind: 'reset', scope: 'connection' }, nth: 1, times: 1 });
      const [strict] = await cli(
        bulk('good.txt', 'plain.json', '--json-lines', '--concurrency', '1', '--at-most-once'),
      );
      apns.faults.clear();
      const parse = (out: string) =>
        out
          .trim()
          .split('\n')
          .map(
            (line) => JSON.parse(line) as { index: number; outcome: string; reason: string | null; attempts: number },
          )
          .sort((a, b) => a.index - b.index);
      expect(retried, retried?.err).toMatchObject({ code: 0 });
      expect(parse(retried!.out)[0]).toMatchObject({ outcome: 'accepted', attempts: 2 });
      expect(strict).toMatchObject({ code: 1 });
      expect(parse(strict!.out)[0]).toMatchObject({ outcome: 'failed', reason: 'CONNECTION_RESET', attempts: 1 });
      expect(
        parse(strict!.out)
          .slice(1)
          .map((r) => r.outcome),
      ).toEqual(['accepted', 'accepted']);
    }, 60_000);

    it('draws a progress bar with rate and counts when stderr is a terminal', async () => {
      const store = ['--data-dir', join(dir, 'data'), '--workspace', join(dir, 'ws')];
      const command = ['node', '--import', 'tsx', 'main/cli/index.ts', ...bulk('good.txt', 'plain.json'), ...store];
      const quoted = command.map((word) => `'${word}'`).join(' ');
      // `script` gives the child a pseudo-terminal, as an interactive shell would.
      const shell = [
        'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
        `script -qec "${quoted.replace(/"/g, '\\"')}" /dev/null`,
      ].join('\n');
      const { stdout } = await promisify(execFile)('dbus-run-session', ['--', 'sh', '-c', shell], {
        cwd: ROOT,
        env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), XDG_RUNTIME_DIR: dir },
        timeout: 60_000,
      });
      expect(stdout).toMatch(/\[#{30}\] 3\/3 \d+\/s ETA 0s ✓3 ✗0/);
      expect(stdout).toMatch(/3 targets in [\d.]+s: 3 accepted, 0 rejected, 0 failed/);
    }, 60_000);
  },
);
