import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonFile } from '../../../../../main/core/workspace/json-file';

const schema = z.object({ items: z.array(z.number()) });
const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pc-json-file-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const open = (path: string, options = {}) => new JsonFile(path, schema, () => ({ items: [] }), options);
const add = (file: JsonFile<typeof schema>, n: number) =>
  file.update((current) => ({ value: { items: [...current.items, n] }, result: n }));

describe('JsonFile', () => {
  it('keeps every change of two handles on one file (each re-reads under the lock)', async () => {
    const path = join(scratch(), 'list.json');
    // Two handles have separate in-process queues, so only the file lock keeps them apart.
    const [a, b] = [open(path), open(path)];
    await Promise.all(Array.from({ length: 40 }, (_, i) => add(i % 2 ? a : b, i)));
    expect((await a.read()).items.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    // Nothing is left beside the file: no temp file, no lock.
    expect(readdirSync(join(path, '..'))).toEqual(['list.json']);
  });

  it('takes over a lock whose holder died (not refreshed for longer than the stale limit)', async () => {
    const path = join(scratch(), 'list.json');
    mkdirSync(`${path}.lock`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    await add(open(path, { waitMs: 1_000 }), 1);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ items: [1] });
  });

  it('says another process is busy, and changes nothing, while a live lock is held', async () => {
    const path = join(scratch(), 'list.json');
    await add(open(path), 1);
    mkdirSync(`${path}.lock`); // fresh mtime: a live holder
    await expect(add(open(path, { waitMs: 1_000 }), 2)).rejects.toThrow(
      /Another Push Console process has been changing list\.json for over 1 s; nothing was changed\./,
    );
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ items: [1] });
  });

  it("writes with the mode asked for (credentials.json is the owner's only)", async () => {
    const path = join(scratch(), 'secret-ish.json');
    await open(path, { mode: 0o600 }).write({ items: [] });
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
