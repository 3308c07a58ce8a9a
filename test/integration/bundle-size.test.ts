import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/serve';

const dir = join(ROOT, 'out', 'renderer');

/** Every JS file the page loads before any user action: the entry plus its static imports. */
function initialScripts(): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]+src="\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const queue = [...entry, ...preloads];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    // Static imports only; dynamic import() chunks load later, on demand.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      queue.push(join('assets', m[1]!));
    }
  }
  return [...seen];
}

describe('renderer bundle', () => {
  it('has been built', () => {
    expect(existsSync(join(dir, 'index.html')), 'run npm run build first').toBe(true);
  });

  it('keeps the initial JavaScript at or under 350 KB gzip, with Monaco loaded lazily', () => {
    const scripts = initialScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file))).length, 0);
    console.log(`initial renderer JS: ${scripts.join(', ')} = ${(gzipped / 1024).toFixed(1)} KB gzip`);
    expect(gzipped).toBeLessThanOrEqual(350 * 1024);
    for (const file of scripts) {
      const code = readFileSync(join(dir, file), 'utf8');
      expect(code.includes('IStandaloneCodeEditor') || code.includes('monaco-editor'), `${file} pulls in Monaco`).toBe(
        false,
      );
      expect(code).not.toContain('vs/editor/contrib');
    }
  });
});
