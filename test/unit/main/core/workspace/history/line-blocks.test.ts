import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, LineBlocks, slicesOf } from '../../../../../../main/core/workspace/history/line-blocks';
import { RecordEncoder, type HistoryRecord } from '../../../../../../main/core/workspace/history/records';

/** Lines of varied sizes (one-byte and two-byte text, some bigger than a block). */
function lines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const size = i % 97 === 0 ? BLOCK_BYTES + 10 : 200 + ((i * 7919) % 30_000);
    return JSON.stringify({ i, text: (i % 3 === 0 ? 'é…' : 'a').repeat(size / 2) });
  });
}

describe('LineBlocks', () => {
  it('packs lines into blocks and gives back exactly the bytes of each line, split at any line', () => {
    const input = lines(400);
    const blocks = new LineBlocks();
    const lengths = input.map((line) => blocks.push(line));
    expect(lengths).toEqual(input.map((line) => Buffer.byteLength(line) + 1));
    const sealed = blocks.seal();
    expect(sealed.blocks.length).toBeGreaterThan(5);
    // Written in three chunks, as a rotation would split them.
    const cursor = { block: 0, offset: 0 };
    const parts = [
      slicesOf(sealed, 0, 150, cursor),
      slicesOf(sealed, 150, 151, cursor),
      slicesOf(sealed, 151, 400, cursor),
    ];
    expect(Buffer.concat(parts.flat()).toString('utf8')).toBe(input.map((line) => `${line}\n`).join(''));
    // At most one slice per block a chunk touches, not one per line.
    expect(parts[0]!.length).toBeLessThan(150 / 2);
  });

  it('writes a line given in parts exactly as the joined line', () => {
    const blocks = new LineBlocks();
    const parts = ['{"a":"é', '…","b":', '1}'];
    expect(blocks.push(parts)).toBe(Buffer.byteLength(parts.join('')) + 1);
    expect(blocks.seal().blocks[0]!.toString('utf8')).toBe(`${parts.join('')}\n`);
  });

  it('reuses written blocks instead of allocating new ones', () => {
    const blocks = new LineBlocks();
    blocks.push('x'.repeat(1000));
    const first = blocks.seal();
    blocks.recycle(first);
    blocks.push('y'.repeat(10));
    const second = blocks.seal();
    expect(second.blocks[0]!.buffer).toBe(first.blocks[0]!.buffer);
    expect(second.blocks[0]!.toString()).toBe(`${'y'.repeat(10)}\n`);
  });
});

describe('RecordEncoder', () => {
  const tls = {
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    alpn: 'h2',
    peerCertificate: null,
    peerChain: [],
    clientCertificateSubject: null,
  };
  const exchange = (id: string, notes: Record<string, unknown>): HistoryRecord => ({
    type: 'exchange',
    exchange: {
      id,
      startedAt: '2026-11-30T00:00:00.000Z',
      purpose: 'send',
      method: 'POST',
      url: 'https://127.0.0.1/3/device/ab',
      httpVersion: '2',
      requestHeaders: [['tls', 'null']],
      requestBody: { encoding: 'text', data: '{"tls":null}', size: 12, truncated: false },
      status: 200,
      responseHeaders: [],
      responseBody: null,
      timings: { dns: -1, connect: -1, tls: -1, send: 0, ttfb: 1, download: 0, total: 1 },
      tls,
      connectionId: 1,
      connectionReused: true,
      remoteAddress: null,
      error: null,
      redactions: [],
      notes,
    },
  });

  it('writes exactly what JSON.stringify writes, the shared TLS block included, for every exchange', () => {
    const encoder = new RecordEncoder();
    for (const record of [exchange('a', { tls: null }), exchange('b', { tls: 'x' }), exchange('c', {})]) {
      expect([encoder.json(record)].flat().join('')).toBe(JSON.stringify(record));
    }
    const noTls = exchange('d', {});
    if (noTls.type === 'exchange') noTls.exchange.tls = null;
    expect(encoder.json(noTls)).toBe(JSON.stringify(noTls));
  });

  it('writes send records exactly as JSON.stringify, reusing nothing from a request that differs', () => {
    const encoder = new RecordEncoder();
    const result = {
      id: 'r',
      provider: 'apns',
      target: 'ab',
      outcome: 'accepted',
      status: 200,
      reason: null,
      explanation: null,
      hint: null,
      messageIds: { 'apns-id': 'x' },
      retryable: false,
      deviceStateChange: null,
      exchangeIds: [],
      durationMs: 1,
      startedAt: '2026-11-30T00:00:00.000Z',
    } as const;
    const options = { pushType: 'alert' as const };
    const template = {
      provider: 'apns',
      credential: 'c',
      environment: 'local',
      target: '',
      options,
      payload: '{"a":"\\"',
    } as const;
    const requests = [
      { ...template, target: 'aa' },
      { ...template, target: 'bb"\\' },
      { ...template, target: 'cc', payload: '{"b":1}' },
      { ...template, target: 'dd', options: { pushType: 'background' as const } },
      { ...template, target: 'ee', environment: 'sandbox' },
      { ...template, target: 'ff', extra: 1 },
      { ...template, target: 'gg' },
    ];
    for (const request of requests) {
      const record = { type: 'send', result, request } as unknown as HistoryRecord;
      expect([encoder.json(record)].flat().join('')).toBe(JSON.stringify(record));
    }
    const none = { type: 'send', result, request: null } as unknown as HistoryRecord;
    expect(encoder.json(none)).toBe(JSON.stringify(none));
  });

  it('keeps what it remembers to itself: two stores writing different requests each get their own lines', () => {
    const result = { id: 'r', provider: 'apns', target: 'aa', outcome: 'accepted', status: 200 };
    const request = (credential: string, target: string) => ({
      provider: 'apns',
      credential,
      environment: 'local',
      target,
      options: { pushType: 'alert' },
      payload: '{}',
    });
    const [first, second] = [new RecordEncoder(), new RecordEncoder()];
    const records = [
      [first, request('one', 'a1')],
      [second, request('two', 'b1')],
      [first, request('one', 'a2')],
      [second, request('two', 'b2')],
    ] as const;
    for (const [encoder, sent] of records) {
      const record = { type: 'send', result, request: sent } as unknown as HistoryRecord;
      expect([encoder.json(record)].flat().join('')).toBe(JSON.stringify(record));
    }
  });
});
