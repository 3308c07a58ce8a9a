import { expect, it } from 'vitest';
import type { RunningNhubEmulator } from '../../main/emulators/nhub';
import { missingKeyringSession, useCliSandbox } from '../support/cli-harness';
import { describeWithSystem } from '../support/system';

const NAMESPACE = 'cli-reg-ns.servicebus.windows.net';
const CONNECTION = `Endpoint=sb://${NAMESPACE}/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=reg+key/=`;

/** `push-console nhub registrations` in child processes, real keychain, against the published hub. */
describeWithSystem('push-console nhub registrations', missingKeyringSession(), () => {
  let nhub: RunningNhubEmulator;
  const cli = useCliSandbox<RunningNhubEmulator>(
    'nhub-reg-cli-',
    'nhub',
    async (_dir, emulator) => {
      nhub = emulator;
      nhub.registerCredential({ connectionString: CONNECTION, hub: 'RegHub' });
    },
    { timeoutMs: 120_000 },
  );

  it('lists by tag a page at a time, as text and JSON, and refuses bad flags in words', async () => {
    for (let i = 0; i < 3; i++) nhub.createRegistration({ hub: 'RegHub', platform: 'apple', tags: ['cli-tag'] });
    nhub.createRegistration({ hub: 'RegHub', platform: 'fcmv1', tags: ['other'] });
    const where = ['--credential', 'Reg hub', '--env', 'local'];
    const [added, text, json, both] = await cli(
      {
        args: ['credentials', 'add', 'nhub', '--secret-stdin', '--hub', 'RegHub', '--label', 'Reg hub'],
        stdin: CONNECTION,
      },
      { args: ['nhub', 'registrations', ...where, '--tag', 'cli-tag', '--top', '2'] },
      { args: ['nhub', 'registrations', ...where, '--tag', 'cli-tag', '--json'] },
      { args: ['nhub', 'registrations', ...where, '--tag', 'a', '--handle', 'b'] },
    );
    expect(added!.code, added!.err).toBe(0);
    expect(text!.code, text!.err).toBe(0);
    const lines = text!.out.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\S+\tapple\t[0-9A-F]{12}…[0-9A-F]{8}\tcli-tag\t-\t/);
    expect(lines[2]).toBe('2 registrations (local)');
    expect(lines[3]).toMatch(/^More: --continuation \S+$/);

    const page = JSON.parse(json!.out) as { registrations: { tags: string[] }[]; continuationToken: string | null };
    expect(page.registrations).toHaveLength(3);
    expect(page.registrations.every((r) => r.tags.includes('cli-tag'))).toBe(true);
    expect(page.continuationToken).toBeNull();
    expect(json!.out).not.toContain('reg+key');

    expect(both!.code).not.toBe(0);
    expect(both!.err).toContain('Give --tag or --handle, not both.');
  });
});
