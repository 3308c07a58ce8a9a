import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunReport } from '../../shared/collections/report';
import { missingKeyringSession, type CliRun } from '../support/cli-harness';
import { missingXmllint, validateJunit } from '../support/junit-xsd';
import { describeWithSystem } from '../support/system';

const ROOT = join(import.meta.dirname, '../..');

/**
 * `push-console run` as CI runs it: child processes in one private D-Bus session with an unlocked
 * gnome-keyring, sharing a data folder and workspace, so the sandbox one run sets up is there
 * for the next. Each invocation's exit code and output come back as one JSON line.
 */
async function cli(dir: string, env: Record<string, string>, ...invocations: string[][]): Promise<CliRun[]> {
  // `history` takes the data folder only.
  const store = ['--data-dir', join(dir, 'data'), '--workspace', join(dir, 'ws')];
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const lines = invocations.map(
    (args) =>
      `out=$(node --import tsx main/cli/index.ts ${[...args, ...(args[0] === 'history' ? store.slice(0, 2) : store)].map(quote).join(' ')} 2>"$HOME/err"); code=$?; ` +
      `node -e 'const fs=require("fs");console.log(JSON.stringify({code:+process.argv[1],out:process.argv[2],err:fs.readFileSync(process.env.HOME+"/err","utf8")}))' "$code" "$out"`,
  );
  const script = ['echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null', ...lines].join('\n');
  const { stdout } = await promisify(execFile)('dbus-run-session', ['--', 'sh', '-c', script], {
    cwd: ROOT,
    env: { ...process.env, ...env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), XDG_RUNTIME_DIR: dir },
    timeout: 170_000,
  });
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as CliRun);
}

async function writeCollection(root: string, files: Record<string, unknown>): Promise<string> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return root;
}

const apns = {
  provider: 'apns',
  profile: 'Sandbox apns (local)',
  device: 'Sandbox iPhone',
  payload: { aps: { alert: { title: '{{vars.title}}' } } },
};

describeWithSystem('push-console run', missingKeyringSession() ?? missingXmllint(), () => {
  let dir: string;
  let runs: CliRun[];
  let counts: { before: number; after: number };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-collections-'));
    // 1. Assertions that fail (and a capture that feeds the next request), with the emulators.
    const failing = await writeCollection(join(dir, 'failing'), {
      'collection.json': { order: ['first.json', 'second.json'], variables: { title: 'From a file' } },
      'first.json': {
        ...apns,
        assert: [
          { status: 201 },
          { header: 'apns-id', matches: '^nope$' },
          { durationBelowMs: 0.001 },
          { delivered: { path: '$.aps.alert.title', equals: 'Something else' } },
          { outcome: 'rejected' },
          { reason: 'BadDeviceToken' },
        ],
        capture: { id: { header: 'apns-id' }, title: { delivered: '$.aps.alert.title' } },
      },
      'second.json': {
        ...apns,
        payload: { aps: { alert: { title: '{{vars.title}}', body: '{{vars.id}}' } } },
        assert: [{ delivered: { path: '$.aps.alert.body', equals: '{{vars.id}}' } }],
      },
    });
    // 2. Nothing is sent when any variable is unset: every one is named, with its requests.
    const unset = await writeCollection(join(dir, 'unset'), {
      'a.json': { ...apns, payload: { aps: { alert: '{{vars.nope}} {{env.PC_TEST_UNSET}}' } } },
      'b.json': { ...apns, options: { topic: '{{vars.nope}}' }, payload: '{}' },
      'c.json': { ...apns, device: undefined, target: '{{device.target}}' },
    });
    // 3. A file that is not a request at all.
    const invalid = await writeCollection(join(dir, 'invalid'), {
      'a.json': { provider: 'apns', device: 'x', assert: [{ staus: 200 }] },
      'b.json': '{ not json',
    });
    // 4. --bail after a failure; the folder order and env variables.
    const bail = await writeCollection(join(dir, 'bail'), {
      'collection.json': { variables: { title: 'Bail' } },
      'a.json': {
        ...apns,
        payload: { aps: { alert: '{{env.PC_TEST_TITLE}}' } },
        assert: [{ status: 500 }, { delivered: { path: '$.aps.alert', equals: 'From the environment' } }],
      },
      'b.json': { ...apns },
    });
    // 5. References the workspace does not have, said together with an unset variable.
    const unknown = await writeCollection(join(dir, 'unknown'), {
      'a.json': { ...apns, profile: 'Nope' },
      'b.json': { provider: 'fcm', credential: 'No such key', device: 'Sandbox iPhone', payload: '{{vars.x}}' },
    });
    const vars = join(dir, 'vars.json');
    await writeFile(vars, JSON.stringify({ title: 'From --vars' }));
    const junit = join(dir, 'failing.xml');
    runs = await cli(
      dir,
      { PC_TEST_TITLE: 'From the environment' },
      ['run', failing, '--with-emulators', '--vars', vars, '--reporter', 'junit', '--out', junit],
      ['history', 'list', '--json'],
      ['run', unset, '--env', 'local'],
      ['run', invalid],
      ['run', bail, '--with-emulators', '--bail', '--reporter', 'json'],
      // The emulators are stopped now: every send is refused before it leaves (exit 3).
      ['run', failing, '--env', 'local'],
      ['history', 'list', '--json'],
      ['run'],
      ['run', failing, '--reporter', 'xml'],
      ['run', unknown],
    );
    const sends = (run: CliRun) => (JSON.parse(run.out) as unknown[]).length;
    counts = { before: sends(runs[1]!), after: sends(runs[6]!) };
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 1 when an assertion fails, and says each failure in words', () => {
    const run = runs[0]!;
    const said = `${run.out}\n${run.err}`;
    expect(run.code, said).toBe(1);
    expect(run.out).toMatch(/^✗ 1\/2 first\.json {2}200 {2}\(\d+ ms\)$/m);
    expect(run.out).toContain('✗ status: expected 201, got 200');
    expect(run.out).toMatch(/✗ header apns-id: expected to match \/\^nope\$\/, got "[0-9a-f-]{36}"/);
    expect(run.out).toMatch(/✗ duration: expected under 0.001 ms, took \d+ ms/);
    expect(run.out).toContain('✗ delivered $.aps.alert.title: expected "Something else", got "From --vars"');
    expect(run.out).toContain('✗ outcome: expected "rejected", got accepted');
    expect(run.out).toContain('✗ reason: expected "BadDeviceToken", got none');
    // The capture feeds the second request, whose delivered body proves it arrived.
    expect(run.out).toMatch(/captured vars\.id = [0-9a-f-]{36}/);
    expect(run.out).toContain('captured vars.title = From --vars');
    expect(run.out).toMatch(/^✓ 2\/2 second\.json/m);
    expect(run.out).toMatch(/smoke|failing: 2 requests, 1 passed, 1 failed \(7 assertions, 6 failed\)/);
  });

  it('writes JUnit XML that meets the schema, one testcase per request, failures as <failure>', async () => {
    const file = join(dir, 'failing.xml');
    const verdict = await validateJunit(file);
    expect(verdict.valid, verdict.said).toBe(true);
    const xml = await readFile(file, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toContain('<failure type="assertion" message="status: expected 201, got 200">');
    expect(xml).toContain('tests="2" failures="1" errors="0" skipped="0"');
  });

  it('exits 2 naming every unset variable and the requests using it, before anything is sent', () => {
    const run = runs[2]!;
    expect(run.code, run.err).toBe(2);
    expect(run.err).toContain(
      'push-console: 4 unset variables: {{device.target}} (c.json), {{env.PC_TEST_UNSET}} (a.json), {{vars.nope}} (a.json, b.json), {{vars.title}} (c.json). Nothing was sent.',
    );
    // In between, only --bail's first request was sent: none of the unset, invalid or refused runs'.
    expect(counts.after - counts.before, 'sends recorded in history').toBe(1);
  });

  it('exits 2 listing every problem of an invalid collection', () => {
    const run = runs[3]!;
    expect(run.code, run.err).toBe(2);
    expect(run.err).toContain('has 2 problems');
    expect(run.err).toContain('a.json assert.0: Not an assertion: one of outcome, status, reason, header, json');
    expect(run.err).toMatch(/b\.json: not JSON/);
  });

  it('--bail skips what follows a failure; --reporter json prints the report; env variables fill in', () => {
    const run = runs[4]!;
    expect(run.code, run.err).toBe(1);
    const report = JSON.parse(run.out) as RunReport;
    expect(report.requests.map((request) => request.verdict)).toEqual(['failed', 'skipped']);
    expect(report.counts).toEqual({ passed: 0, failed: 1, error: 0, skipped: 1 });
    expect(report.environment).toBe('local');
    expect(report.requests[0]!.checks.map((check) => check.ok)).toEqual([false, true]);
    // Progress goes to stderr when the report itself is on stdout.
    expect(run.err).toMatch(/^✗ 1\/2 a\.json/m);
    expect(run.err).toMatch(/^- 2\/2 b\.json/m);
  });

  it('exits 3 when requests cannot be sent (the emulators are gone), as errors, not failures', () => {
    const run = runs[5]!;
    expect(run.code, `${run.out}\n${run.err}`).toBe(3);
    expect(run.out).toMatch(/^! 1\/2 first\.json {2}error/m);
    expect(run.out).toContain(
      'The local emulators are not running. Start them on the Emulators screen, or run: push-console emulators start',
    );
    // The capture the second request needed never happened: said as such, not as a typo.
    expect(run.out).toContain(
      'Not sent: {{vars.id}} has no value, as the capture before it that sets it did not succeed.',
    );
    expect(run.out).toContain('failing: 2 requests, 0 passed, 2 errors');
  });

  it('saves a past send into a collection and imports a Postman one, both named in the workspace', async () => {
    const sendId = (JSON.parse(runs[4]!.out) as RunReport).requests[0]!.result!.sendId;
    const postman = join(ROOT, 'test/fixtures/postman/push-calls.postman_collection.json');
    const [save, imported, unset, rerun] = await cli(
      dir,
      {},
      ['collections', 'save', sendId.slice(0, 8), '--name', 'saved', '--as', 'Bail first'],
      ['collections', 'import-postman', postman, '--name', 'pm'],
      ['run', 'pm', '--env', 'local'],
      // The saved request names the sandbox's device by label, so a new sandbox's device works.
      ['run', 'saved', '--with-emulators'],
    );
    expect(save!.code, save!.err).toBe(0);
    expect(save!.out).toContain(join(dir, 'ws', 'collections', 'saved', 'bail-first.json'));
    const file = JSON.parse(await readFile(join(dir, 'ws', 'collections', 'saved', 'bail-first.json'), 'utf8'));
    expect(file).toMatchObject({
      device: 'Sandbox iPhone',
      credential: 'Sandbox APNs key',
      assert: [{ outcome: 'accepted' }, { status: 200 }],
    });
    expect(imported!.code, imported!.err).toBe(0);
    expect(imported!.out).toContain('Wrote 4 requests to');
    expect(imported!.out).toContain('  Health check: it is GET https://api.example.com/health, not a push send (POST)');
    expect(unset!.code, unset!.err).toBe(2);
    expect(unset!.err).toContain('{{vars.apnsCredential}} (apple/apns-alert-sandbox.json)');
    expect(rerun!.code, `${rerun!.out}\n${rerun!.err}`).toBe(0);
    expect(rerun!.out).toMatch(/^✓ 1\/1 bail-first\.json {2}200/m);
  }, 120_000);

  it('exits 2 naming every reference the workspace lacks, with the unset variables, in one message', () => {
    const run = runs[9]!;
    expect(run.code, run.err).toBe(2);
    expect(run.err).toContain(
      [
        'push-console: Nothing was sent:',
        '  a.json: no apns profile is named "Nope"',
        '  b.json: no credential is labelled "No such key"',
        '  b.json: no fcm device is labelled "Sandbox iPhone"',
        '  2 unset variables: {{vars.title}} (a.json), {{vars.x}} (b.json).',
      ].join('\n'),
    );
  });

  it('exits 2 on usage errors', () => {
    expect(runs[7]!.code).toBe(2);
    expect(runs[7]!.err).toContain('Name one collection');
    expect(runs[8]!.code).toBe(2);
    expect(runs[8]!.err).toContain('--reporter is pretty, json or junit, not "xml"');
  });
});
