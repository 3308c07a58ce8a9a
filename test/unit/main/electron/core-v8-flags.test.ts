import { describe, expect, it } from 'vitest';
import { relaunchArgs } from '../../../../main/electron/core-v8-flags';
import { CORE_V8_FLAGS } from '../../../../scripts/core-v8-flags.mjs';

describe('the relaunch that gives a packaged app the core V8 flags', () => {
  it('relaunches a process started with no --js-flags (how the OS starts a packaged app)', () => {
    expect(relaunchArgs('', ['--some-arg'], CORE_V8_FLAGS)).toEqual([
      `--js-flags=${CORE_V8_FLAGS.join(' ')}`,
      '--some-arg',
    ]);
  });

  it('does nothing when the flags are there (npm start, the smoke test)', () => {
    const given = CORE_V8_FLAGS.join(' ');
    expect(relaunchArgs(given, [`--js-flags=${given}`, 'out/main/electron.mjs'], CORE_V8_FLAGS)).toBeNull();
  });

  it("keeps the user's own V8 flags and adds ours after them, in one --js-flags", () => {
    expect(
      relaunchArgs('--expose-gc', ['--js-flags=--expose-gc', 'out/main/electron.mjs'], ['--max-old-space-size=2000']),
    ).toEqual(['--js-flags=--expose-gc --max-old-space-size=2000', 'out/main/electron.mjs']);
  });

  it('leaves a flag the user set to a value of their own (either spelling) alone', () => {
    expect(relaunchArgs('--max_old_space_size=4096', [], ['--max-old-space-size=2000'])).toBeNull();
  });
});
