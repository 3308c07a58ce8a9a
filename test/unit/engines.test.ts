import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/serve';

// npm's own range logic (semver, installed with the toolchain; not a dependency of ours, so typed here).
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

interface Locked {
  engines?: { node?: string } | string[];
  optional?: boolean;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, Locked>;
};

// `npm ci` warns (EBADENGINE) for every locked package whose engines exclude the Node in use: the
// oldest Node our engines field allows must satisfy them all, or that field says too little.
describe('the Node version package.json states', () => {
  it('satisfies the engines of every locked dependency', () => {
    // The oldest Node of each branch of our range (22.13.0 and 24.0.0 for "^22.13.0 || >=24").
    const oldest = pkg.engines.node.split('||').map((branch) => semver.minVersion(branch)!.version);
    const excluded = Object.entries(lock.packages)
      .flatMap(([path, entry]) =>
        path === '' || Array.isArray(entry.engines) || !entry.engines?.node
          ? []
          : [[path, entry.engines.node] as const],
      )
      .flatMap(([path, needs]) =>
        oldest
          .filter((version) => !semver.satisfies(version, needs))
          .map((version) => `${path.replace(/^.*node_modules\//, '')} needs ${needs}, not ${version}`),
      );
    expect(excluded, `package.json engines.node is ${pkg.engines.node}`).toEqual([]);
  });

  it('is the one the README names', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`Node ${pkg.engines.node.replace(/\.0(?= |$)/g, '')}`);
  });
});
