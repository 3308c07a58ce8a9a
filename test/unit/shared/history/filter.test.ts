import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { filterExchanges, statusClassOf, summarizeExchange } from '../../../../shared/history/summary';
import type { ExchangeSummary } from '../../../../shared/history/summary';
import { makeExchange } from '../../../support/history-fixtures';

const rows: ExchangeSummary[] = Array.from({ length: 50_000 }, (_, i) => summarizeExchange(makeExchange(i)));

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('filterExchanges on 50,000 rows', () => {
  it('filters by provider, status class, reason and text, each within 100 ms', () => {
    const cases = [
      { filter: { provider: ['apns' as const] }, expected: 10_000 },
      { filter: { statusClass: ['4xx' as const] }, expected: rows.filter((row) => row.status === 400).length },
      { filter: { reason: 'baddevicetoken' }, expected: rows.filter((row) => row.reason === 'BadDeviceToken').length },
      { filter: { text: 'token4999' }, expected: 11 },
      {
        filter: { provider: ['fcm' as const], statusClass: ['5xx' as const], text: 'device-' },
        expected: rows.filter((row) => row.provider === 'fcm' && row.status === 503).length,
      },
    ];
    const measured: number[] = [];
    for (const { filter, expected } of cases) {
      filterExchanges(rows, filter); // warm-up, as a typing user would have done
      const { value, ms } = timed(() => filterExchanges(rows, filter));
      measured.push(ms);
      expect(value).toHaveLength(expected);
      expect(ms).toBeLessThanOrEqual(100);
    }
    console.log(`filter latency on 50k rows (ms): ${measured.map((ms) => ms.toFixed(1)).join(', ')}`);
  });

  it('keeps order and returns everything for an empty filter', () => {
    const { value, ms } = timed(() => filterExchanges(rows, { text: '  ' }));
    expect(value).toHaveLength(50_000);
    expect(value[0]).toBe(rows[0]);
    expect(ms).toBeLessThanOrEqual(100);
  });

  it('classes statuses, with no status as an error', () => {
    expect([200, 302, 410, 503, null, 101].map(statusClassOf)).toEqual(['2xx', '3xx', '4xx', '5xx', 'error', 'error']);
  });
});
