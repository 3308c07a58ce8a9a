import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORE_V8_FLAGS } from '../../../scripts/core-v8-flags.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('V8 flags of the processes that run the core', () => {
  it('are the ones the CLI shebang passes', () => {
    const shebang = readFileSync(`${root}/bin/push-console.mjs`, 'utf8').split('\n')[0]!;
    expect(shebang).toBe(`#!/usr/bin/env -S node ${CORE_V8_FLAGS.join(' ')}`);
  });

  it('keep the heap limit under the 2 GB at which V8 lets the heap grow fourfold', () => {
    // Measured, not assumed: the limit node reports with the flags.
    const out = spawnSync(
      process.execPath,
      [...CORE_V8_FLAGS, '-e', 'console.log(require("v8").getHeapStatistics().heap_size_limit)'],
      { encoding: 'utf8' },
    );
    const limit = Number(out.stdout.trim());
    expect(limit).toBeGreaterThan(1024 * 1024 * 1024);
    expect(limit).toBeLessThan(2048 * 1024 * 1024 + 64 * 1024 * 1024);
  });
});
