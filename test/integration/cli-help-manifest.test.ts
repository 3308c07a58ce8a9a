import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../main/cli/commands';
import { helpManifest } from '../../main/cli/help';
import { manifestAnswer } from '../../main/cli/help-entry';
import { runCli } from '../../main/cli/run-cli';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/push-console.mjs');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** What the full CLI says in-process (every command loaded). */
async function inProcess(argv: string[]) {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  let [out, err] = ['', ''];
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const code = await runCli(argv, commands, { stdout, stderr, stdin: new PassThrough(), env: {} });
  return { code, out, err };
}

/** What the built `push-console` prints in its own process. */
function child(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...argv], (error, out, err) =>
      resolve({ code: error ? Number(error.code) : 0, out, err }),
    );
  });
}

const HELP_FORMS = [
  [],
  ['--help'],
  ['-h'],
  ['help'],
  ['--version'],
  ['send'],
  ['send', '--help'],
  ['send', 'apns', '--help'],
  ['history', 'list', '-h'],
  ['credentials', '--help'],
  ['nope'],
];

describe('push-console --help from the build manifest', () => {
  let previous: string | undefined;
  let dir: string;
  beforeAll(async () => {
    // The built CLI has its version compiled in; in-process it reads this.
    previous = process.env['npm_package_version'];
    process.env['npm_package_version'] = VERSION;
    dir = await mkdtemp(join(tmpdir(), 'pc-help-'));
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env['npm_package_version'];
    else process.env['npm_package_version'] = previous;
    await rm(dir, { recursive: true, force: true });
  });

  it.each(HELP_FORMS)('answers %j exactly as the full CLI does', async (...argv: string[]) => {
    expect(await child(argv)).toEqual(await inProcess(argv));
  });

  it('answers help and the version from a manifest, and leaves commands to run to the full CLI', async () => {
    const file = join(dir, 'cli-help.json');
    await writeFile(file, JSON.stringify(helpManifest(commands)));
    const url = pathToFileURL(file);
    for (const argv of HELP_FORMS) {
      const full = await inProcess(argv);
      const answer = manifestAnswer(argv, url);
      expect(answer, JSON.stringify(argv)).not.toBeNull();
      expect({ code: answer!.code, text: `${answer!.text}\n` }).toEqual({
        code: full.code,
        text: full.out || full.err,
      });
    }
    expect(manifestAnswer(['send', 'apns', '--token', 'ab'], url)).toBeNull();
    expect(manifestAnswer(['history', 'list'], url)).toBeNull();
  });

  it('falls back to the full CLI when the manifest is missing or from another build', async () => {
    const stale = join(dir, 'stale.json');
    await writeFile(stale, JSON.stringify({ ...helpManifest(commands), version: '0.0.0-other' }));
    expect(manifestAnswer(['--help'], pathToFileURL(stale))).toBeNull();
    expect(manifestAnswer(['--help'], pathToFileURL(join(dir, 'missing.json')))).toBeNull();
    await writeFile(stale, '{ torn');
    expect(manifestAnswer(['--help'], pathToFileURL(stale))).toBeNull();
  });
});
