import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyFileName } from '../../../../../../main/core/workspace/history/rotation';
import type { Exchange } from '../../../../../../shared/domain/exchange';
import { useHistoryDir } from '../../../../../support/history-store-dir';
import { makeExchange } from '../../../../../support/history-fixtures';

const history = useHistoryDir('pc-history-templates-');
const open = history.open;

const TLS: Exchange['tls'] = {
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  alpn: 'h2',
  peerCertificate: {
    subject: 'CN=127.0.0.1',
    issuer: 'CN=Local CA',
    validFrom: '2026-11-29T04:11:27.000Z',
    validTo: '2029-03-04T04:11:27.000Z',
    fingerprint256: 'C9:29:C1:08',
  },
  peerChain: [],
  clientCertificateSubject: null,
};

/**
 * Exchanges as the transport's builder makes them for a bulk send: unchanged headers, body and
 * TLS details are the same objects from one exchange to the next.
 */
function bulkSeries(count: number, prefix: string): Exchange[] {
  const base = makeExchange(5, { tls: TLS, notes: { topic: 'com.example.app' } });
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `${prefix}-${i}`,
    startedAt: new Date(Date.UTC(2026, 10, 30, 4, 0, 0) + i).toISOString(),
    url: `https://127.0.0.1:4433/3/device/${prefix}tok${i}`,
    target: `${prefix}tok${i}`,
    requestHeaders: [base.requestHeaders[0]!, [':path', `/3/device/${prefix}tok${i}`], ...base.requestHeaders.slice(2)],
    responseHeaders: [base.responseHeaders[0]!, ['apns-id', `${prefix}-apns-${i}`]],
    timings: { ...base.timings, total: 10 + (i % 7) },
    connectionReused: i > 0,
    notes: { topic: 'com.example.app' },
  }));
}

async function linesOf(seq: number): Promise<Array<{ type: string; template?: string; id?: string }>> {
  const text = await readFile(join(history.dataDir(), 'history', historyFileName(seq)), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string });
}

describe('HistoryStore templates', () => {
  it('writes a bulk send as patches on one template and reads every exchange back whole', async () => {
    const series = bulkSeries(50, 'a');
    const store = open();
    for (const exchange of series) store.recordExchange(exchange);
    await store.flush();
    for (const exchange of [series[0]!, series[1]!, series[49]!])
      expect(await store.getExchange(exchange.id)).toEqual(exchange);

    const lines = await linesOf(1);
    expect(lines.map((line) => line.type)).toEqual([
      'exchange',
      'template',
      ...Array<string>(49).fill('exchange-patch'),
    ]);
    expect(new Set(lines.slice(2).map((line) => line.template))).toEqual(new Set([lines[1]!.id]));
    const whole = series.reduce((sum, exchange) => sum + JSON.stringify({ type: 'exchange', exchange }).length + 1, 0);
    const { size } = await import('node:fs/promises').then(({ stat }) =>
      stat(join(history.dataDir(), 'history', historyFileName(1))),
    );
    expect(size).toBeLessThan(whole / 2);
    await store.close();

    const again = open();
    const page = await again.listExchanges({}, null, 100);
    expect(page.total).toBe(50);
    expect(page.items.map((row) => row.id)).toEqual(series.map((exchange) => exchange.id).reverse());
    expect(page.items[0]!.url).toBe(series[49]!.url);
    expect(await again.exchangesFor({ filter: {} }, 100)).toEqual(series);
    expect(again.skippedLines).toBe(0);
  });

  it('puts the template in every file that holds its patches, so dropping old files loses nothing else', async () => {
    const series = bulkSeries(300, 'r');
    const store = open({ rotateBytes: 8 * 1024, maxTotalBytes: 40 * 1024 });
    for (const [i, exchange] of series.entries()) {
      store.recordExchange(exchange);
      if (i % 25 === 24) await store.flush();
    }
    await store.flush();
    const seqs = (await readdir(join(history.dataDir(), 'history')))
      .filter((name) => name.endsWith('.ndjson'))
      .map((name) => Number(/(\d+)/.exec(name)![1]));
    expect(seqs.length).toBeGreaterThanOrEqual(4);
    expect(Math.min(...seqs)).toBeGreaterThan(1);
    for (const seq of seqs) {
      const lines = await linesOf(seq);
      const firstPatch = lines.findIndex((line) => line.type === 'exchange-patch');
      const template = lines.findIndex((line) => line.type === 'template');
      if (firstPatch >= 0) expect(template).toBeGreaterThanOrEqual(0);
      if (firstPatch >= 0) expect(template).toBeLessThan(firstPatch);
    }
    const page = await store.listExchanges({}, null, 1000);
    expect(page.total).toBeGreaterThan(50);
    expect(page.total).toBeLessThan(300);
    const kept = series.slice(300 - page.total);
    expect(await store.exchangesFor({ filter: {} }, 1000)).toEqual(kept);
    await store.close();

    const again = open({ rotateBytes: 8 * 1024, maxTotalBytes: 40 * 1024 });
    expect(await again.exchangesFor({ filter: {} }, 1000)).toEqual(kept);
    expect(again.skippedLines).toBe(0);
  });

  it('reads the patches another process wrote to the same file', async () => {
    const app = open();
    const cli = open();
    await Promise.all([app.ready(), cli.ready()]);
    const ours = bulkSeries(20, 'app');
    const theirs = bulkSeries(20, 'cli');
    for (let round = 0; round < 4; round++) {
      for (let i = round * 5; i < round * 5 + 5; i++) {
        app.recordExchange(ours[i]!);
        cli.recordExchange(theirs[i]!);
      }
      await app.flush();
      await cli.flush();
    }
    for (const store of [app, cli]) {
      for (const exchange of [...ours, ...theirs]) expect(await store.getExchange(exchange.id)).toEqual(exchange);
    }
    const types = (await linesOf(1)).map((line) => line.type);
    expect(types.filter((type) => type === 'template')).toHaveLength(2);
    expect(types.filter((type) => type === 'exchange-patch')).toHaveLength(38);
    await app.close();
    await cli.close();
    const fresh = open();
    expect((await fresh.listExchanges({}, null, 100)).total).toBe(40);
    expect(fresh.skippedLines).toBe(0);
  });

  it('skips a patch whose template is not in its file', async () => {
    const series = bulkSeries(3, 'm');
    const store = open();
    for (const exchange of series) store.recordExchange(exchange);
    await store.close();
    const path = join(history.dataDir(), 'history', historyFileName(1));
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    await rm(join(history.dataDir(), 'history'), { recursive: true });
    await mkdir(join(history.dataDir(), 'history'));
    // The template line is lost: its patches cannot be rebuilt, and only they are skipped.
    await writeFile(path, `${lines.filter((line) => !line.startsWith('{"type":"template"')).join('\n')}\n`);
    const again = open();
    expect((await again.listExchanges({}, null, 10)).items.map((row) => row.id)).toEqual(['m-0']);
    expect(again.skippedLines).toBe(2);
  });
});
