import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveActivityContractStore } from '../../../../../main/core/workspace/live-activity-contracts';

/** A live-activity-contracts.json as written before contracts had a preview layout. */
const OLD_FILE = {
  version: 1,
  contracts: [
    {
      attributesType: 'DeliveryAttributes',
      dateEncoding: 'deferredToDate',
      contentState: {
        type: 'object',
        'x-swift': 'ContentState',
        properties: {
          status: { type: 'string', 'x-swift': 'String' },
          eta: { format: 'swift-date', 'x-swift': 'Date' },
        },
        required: ['status', 'eta'],
      },
      attributes: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
      updatedAt: '2026-12-01T10:00:00.000Z',
    },
  ],
};

describe('LiveActivityContractStore and the preview layout', () => {
  it('loads a contracts file written before the preview layout existed, and keeps a layout saved after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-la-'));
    writeFileSync(join(dir, 'live-activity-contracts.json'), JSON.stringify(OLD_FILE));
    const store = new LiveActivityContractStore(dir, () => Date.UTC(2026, 11, 6));
    const [old] = await store.list();
    expect(old!.attributesType).toBe('DeliveryAttributes');
    expect(old!.preview).toBeUndefined();

    const { updatedAt: _, ...rest } = old!;
    await store.save({
      ...rest,
      preview: { title: 'attributes.orderId', timer: 'content-state.eta', timerCounts: 'down' },
    });
    const written = JSON.parse(readFileSync(join(dir, 'live-activity-contracts.json'), 'utf8'));
    expect(written.contracts[0].preview).toEqual({
      title: 'attributes.orderId',
      timer: 'content-state.eta',
      timerCounts: 'down',
    });
    expect((await new LiveActivityContractStore(dir).list())[0]!.preview?.timer).toBe('content-state.eta');
  });

  it('refuses a layout key outside content-state and attributes', async () => {
    const store = new LiveActivityContractStore(mkdtempSync(join(tmpdir(), 'pc-la-')));
    const { updatedAt: _, ...contract } = OLD_FILE.contracts[0]!;
    await expect(
      store.save({ ...contract, dateEncoding: 'deferredToDate', preview: { title: 'aps.alert', timerCounts: 'down' } }),
    ).rejects.toThrow(/content-state.<key> or attributes.<key>/);
  });
});
