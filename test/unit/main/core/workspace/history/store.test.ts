import { appendFile, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyFileName } from '../../../../../../main/core/workspace/history/rotation';
import { useHistoryDir } from '../../../../../support/history-store-dir';
import { makeExchange, makeResult } from '../../../../../support/history-fixtures';

const history = useHistoryDir('pc-history-');
const open = history.open;

describe('HistoryStore', () => {
  it('appends one NDJSON line per record with a type field and reads them back after reopening', async () => {
    const store = open();
    store.recordExchange(makeExchange(1));
    store.recordSend(makeResult(1), null);
    await store.close();
    const text = await readFile(join(history.dataDir(), 'history', historyFileName(1)), 'utf8');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(lines.map((line) => line.type)).toEqual(['exchange', 'send']);

    const again = open();
    const sends = await again.listSends({}, null, 10);
    expect(sends.items.map((item) => item.id)).toEqual(['send-1']);
    const stored = await again.getSend('send-1');
    expect(stored?.exchanges.map((exchange) => exchange.id)).toEqual(['ex-1']);
    expect(await again.getExchange('ex-1')).toEqual(makeExchange(1));
  });

  it('does not touch the disk until a flush, so appends never wait for I/O', async () => {
    const store = open();
    store.recordExchange(makeExchange(1));
    expect(await readdir(history.dataDir())).toEqual([]);
    await store.flush();
    expect(await readdir(join(history.dataDir(), 'history'))).toEqual([historyFileName(1)]);
  });

  it('rotates files past the size and drops the oldest file over the total cap', async () => {
    const line = Buffer.byteLength(JSON.stringify({ type: 'exchange', exchange: makeExchange(100) })) + 1;
    const store = open({ rotateBytes: line * 10, maxTotalBytes: line * 35 });
    for (let i = 100; i < 200; i++) store.recordExchange(makeExchange(i));
    await store.flush();
    const files = (await readdir(join(history.dataDir(), 'history'))).sort();
    // Lines vary in length, so about 10 per file; the cap of ~35 lines keeps only the newest few files.
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files.length).toBeLessThanOrEqual(5);
    expect(files[0]).not.toBe(historyFileName(1));
    const page = await store.listExchanges({}, null, 1000);
    const ids = page.items.map((row) => Number(row.id.slice(3)));
    // What is kept is the newest run, unbroken. Alike exchanges are written as patches on a
    // template (shorter lines), but each file repeats the templates its patches need.
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, k) => 199 - k));
    expect(page.total).toBeLessThan(100);
    expect(page.total).toBeGreaterThanOrEqual(10);
    expect(await store.getExchange('ex-100')).toBeNull();
    expect(await store.getExchange('ex-199')).toEqual(makeExchange(199));

    // Reopening indexes exactly what is left.
    await store.close();
    const again = open({ rotateBytes: line * 10, maxTotalBytes: line * 35 });
    expect((await again.listExchanges({}, null, 1000)).total).toBe(page.total);
  });

  it('drops a torn last line on load and starts the next append on a fresh line', async () => {
    const store = open();
    for (let i = 0; i < 5; i++) store.recordExchange(makeExchange(i));
    await store.close();
    const path = join(history.dataDir(), 'history', historyFileName(1));
    const torn = JSON.stringify({ type: 'exchange', exchange: makeExchange(5) }).slice(0, 80);
    await appendFile(path, torn);

    const again = open();
    expect((await again.listExchanges({}, null, 100)).items.map((row) => row.id)).toEqual([
      'ex-4',
      'ex-3',
      'ex-2',
      'ex-1',
      'ex-0',
    ]);
    expect(again.skippedLines).toBe(1);
    again.recordExchange(makeExchange(6));
    await again.close();

    const third = open();
    const ids = (await third.listExchanges({}, null, 100)).items.map((row) => row.id);
    expect(ids).toEqual(['ex-6', 'ex-4', 'ex-3', 'ex-2', 'ex-1', 'ex-0']);
    expect(await third.getExchange('ex-6')).toEqual(makeExchange(6));
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.filter((line) => line === torn)).toHaveLength(1);
  });

  it('skips damaged lines in the middle of a file', async () => {
    await rm(join(history.dataDir(), 'history'), { recursive: true, force: true });
    const good = JSON.stringify({ type: 'exchange', exchange: makeExchange(1) });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(history.dataDir(), 'history'));
    await writeFile(join(history.dataDir(), 'history', historyFileName(1)), `${good}\nnot json\n{"type":"unknown"}\n`);
    const store = open();
    expect((await store.listExchanges({}, null, 10)).items.map((row) => row.id)).toEqual(['ex-1']);
    expect(store.skippedLines).toBe(2);
  });

  it('pages newest first with a cursor and counts every match', async () => {
    const store = open();
    for (let i = 0; i < 25; i++) store.recordExchange(makeExchange(i));
    const first = await store.listExchanges({}, null, 10);
    expect(first.items.map((row) => row.id)).toEqual(Array.from({ length: 10 }, (_, k) => `ex-${24 - k}`));
    expect(first.total).toBe(25);
    const second = await store.listExchanges({}, first.nextCursor, 10);
    expect(second.items[0]!.id).toBe('ex-14');
    const third = await store.listExchanges({}, second.nextCursor, 10);
    expect(third.items.map((row) => row.id)).toEqual(['ex-4', 'ex-3', 'ex-2', 'ex-1', 'ex-0']);
    expect(third.nextCursor).toBeNull();
  });

  it('filters by provider, status class, reason and text, and names the reason from the result', async () => {
    const store = open();
    for (let i = 0; i < 50; i++) {
      store.recordExchange(makeExchange(i));
      store.recordSend(makeResult(i), null);
    }
    const apns = await store.listExchanges({ provider: ['apns'] }, null, 100);
    expect(apns.total).toBe(10);
    expect(apns.items.every((row) => row.provider === 'apns')).toBe(true);
    const errors = await store.listExchanges({ statusClass: ['4xx'] }, null, 100);
    expect(errors.items.map((row) => row.id).sort()).toEqual(
      ['ex-0', 'ex-7', 'ex-14', 'ex-21', 'ex-28', 'ex-35', 'ex-42', 'ex-49'].sort(),
    );
    const bad = await store.listExchanges({ reason: 'baddevicetoken' }, null, 100);
    expect(bad.items.length).toBeGreaterThan(0);
    expect(bad.items.every((row) => row.reason === 'BadDeviceToken')).toBe(true);
    expect((await store.listExchanges({ text: 'token42' }, null, 100)).items.map((row) => row.id)).toEqual(['ex-42']);
    const sends = await store.listSends({ text: 'id-33' }, null, 10);
    expect(sends.items.map((row) => row.id)).toEqual(['send-33']);
    const since = await store.listSends({ since: makeResult(45).startedAt }, null, 100);
    expect(since.total).toBe(5);
  });

  it('keeps the request given with its result', async () => {
    const store = open();
    const request = {
      provider: 'apns',
      credential: 'cred-1',
      environment: 'local',
      target: 'abc',
      payload: '{"aps":{"alert":"hi"}}',
      options: {},
    };
    store.recordSend(makeResult(1), request as never);
    store.recordSend(makeResult(2), null);
    const sends = await store.listSends({}, null, 10);
    expect(sends.items.map((row) => [row.id, row.hasRequest])).toEqual([
      ['send-2', false],
      ['send-1', true],
    ]);
  });
});

describe('HistoryStore size setting', () => {
  it('keeps the cap in history/settings.json and drops old files at once when it is lowered', async () => {
    const store = open({ rotateBytes: 64 * 1024 });
    const big = 'y'.repeat(50_000);
    for (let i = 0; i < 60; i++) {
      store.recordExchange(
        makeExchange(i, { requestBody: { encoding: 'text', data: big, size: big.length, truncated: false } }),
      );
    }
    await store.flush();
    expect(await store.getExchange('ex-0')).not.toBeNull();
    await store.setMaxTotalBytes(1024 * 1024);
    const files = await readdir(join(history.dataDir(), 'history'));
    expect(files).toContain('settings.json');
    const { stat } = await import('node:fs/promises');
    let total = 0;
    for (const name of files.filter((file) => file.endsWith('.ndjson')))
      total += (await stat(join(history.dataDir(), 'history', name))).size;
    expect(total).toBeLessThanOrEqual(1024 * 1024);
    expect(await store.getExchange('ex-0')).toBeNull();
    expect(await store.getExchange('ex-59')).not.toBeNull();
    await store.close();

    const again = open();
    await again.ready();
    expect(again.maxTotalBytes).toBe(1024 * 1024);
    await expect(again.setMaxTotalBytes(1000)).rejects.toThrow('History needs at least 1 MB.');
  });
});

describe('HistoryStore with two writers (the app and a CLI send)', () => {
  it('keeps both writers lines whole and each sees the other after a flush', async () => {
    const app = open();
    const cli = open();
    await Promise.all([app.ready(), cli.ready()]);
    for (let round = 0; round < 5; round++) {
      app.recordExchange(makeExchange(round * 2));
      cli.recordExchange(makeExchange(round * 2 + 1));
      await Promise.all([app.flush(), cli.flush()]);
    }
    for (const store of [app, cli]) {
      const ids = (await store.listExchanges({}, null, 100)).items.map((row) => row.id).sort();
      expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `ex-${i}`).sort());
      for (let i = 0; i < 10; i++) expect(await store.getExchange(`ex-${i}`)).toEqual(makeExchange(i));
    }
    await app.close();
    await cli.close();
    const fresh = open();
    expect((await fresh.listExchanges({}, null, 100)).total).toBe(10);
    expect(fresh.skippedLines).toBe(0);
  });
});
