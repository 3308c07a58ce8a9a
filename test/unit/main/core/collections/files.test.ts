import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCollection, saveRequest } from '../../../../../main/core/collections/files';
import { formatRequest } from '../../../../../shared/collections/format';
import { isAppError } from '../../../../../shared/errors';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-collection-files-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function put(files: Record<string, unknown>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
}

const fcm = { provider: 'fcm', credential: 'FCM', target: 'news' };

describe('loading a collection folder', () => {
  it('runs collection.json order first, the rest by name, folders with their own order and variables', async () => {
    await put({
      'collection.json': { name: 'Smoke', order: ['z.json', 'folder'], variables: { a: 'root', b: 'root' } },
      'a.json': { ...fcm, payload: { x: 1 } },
      'z.json': { ...fcm, name: 'Zed' },
      'folder/collection.json': { order: ['2.json'], variables: { b: 'folder' } },
      'folder/1.json': { ...fcm, payload: 'text as is' },
      'folder/2.json': { ...fcm, payloadFile: 'toast.payload.xml' },
      'folder/toast.payload.xml': '<toast/>',
      'folder/notes.txt': 'not a request',
      '.hidden/x.json': { nope: true },
    });
    const collection = await loadCollection(dir);
    expect(collection.name).toBe('Smoke');
    expect(collection.items.map((item) => item.path)).toEqual(['z.json', 'folder/2.json', 'folder/1.json', 'a.json']);
    const [zed, two, one, a] = collection.items;
    expect(zed!.name).toBe('Zed');
    expect(a!.name).toBe('a');
    expect(two!.folders).toEqual(['folder']);
    expect(two!.payloadText).toBe('<toast/>');
    expect(one!.payloadText).toBe('text as is');
    expect(a!.payloadText).toBe('{"x":1}');
    expect(two!.scopeVariables).toEqual({ a: 'root', b: 'folder' });
    expect(a!.scopeVariables).toEqual({ a: 'root', b: 'root' });
  });

  it('refuses with every problem of every file at once', async () => {
    await put({
      'collection.json': { order: 'not a list' },
      'a.json': { provider: 'nope' },
      'b.json': { ...fcm, payloadFile: 'missing.payload.json' },
      'c.json': { ...fcm, assert: [{ header: 'x', matches: '(' }] },
      'd.json': '[',
    });
    const error = await loadCollection(dir).catch((caught: unknown) => caught);
    expect(isAppError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('has 5 problems');
    expect(message).toContain('collection.json order:');
    expect(message).toContain('a.json provider:');
    expect(message).toContain('b.json payloadFile: no file missing.payload.json beside it');
    expect(message).toContain('c.json assert: /(/ is not a valid regular expression');
    expect(message).toContain('d.json: not JSON');
  });

  it('says so when the folder is missing or holds no requests', async () => {
    await expect(loadCollection(join(dir, 'nope'))).rejects.toThrow(/No collection folder at/);
    await expect(loadCollection(dir)).rejects.toThrow(/has no requests/);
  });
});

describe('saving a request', () => {
  it('writes the stable text under a name made from the request, and reads back the same', async () => {
    const request = {
      name: 'FCM topic news',
      provider: 'fcm' as const,
      credential: 'FCM',
      target: 'news',
      payload: { a: 1 },
    };
    const file = await saveRequest(dir, request);
    expect(file).toBe('fcm-topic-news.json');
    expect(await readFile(join(dir, file), 'utf8')).toBe(formatRequest(request));
    const [item] = (await loadCollection(dir)).items;
    expect(item!.request).toEqual(request);
    expect(await saveRequest(dir, item!.request, 'sub/again.json')).toBe('sub/again.json');
    expect(await readFile(join(dir, 'sub/again.json'), 'utf8')).toBe(formatRequest(request));
  });

  it('refuses a file outside the folder, or one that is not a request file', async () => {
    await expect(saveRequest(dir, { ...fcm, provider: 'fcm' }, '../x.json')).rejects.toThrow(/not a request file name/);
    await expect(saveRequest(dir, { ...fcm, provider: 'fcm' }, 'collection.json')).rejects.toThrow(
      /not a request file/,
    );
  });
});
