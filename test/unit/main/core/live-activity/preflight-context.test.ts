import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflightContextSource } from '../../../../../main/core/live-activity/preflight-context';
import { DeviceStore } from '../../../../../main/core/workspace/devices';
import { LiveActivityContractStore } from '../../../../../main/core/workspace/live-activity-contracts';
import { sendRequestSchema, type SendRequest } from '../../../../../shared/domain/send-request';
import { makeResult } from '../../../../support/history-fixtures';
import { useHistoryDir } from '../../../../support/history-store-dir';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const first = 'ab'.repeat(32);
const rotated = 'cd'.repeat(32);

function apnsRequest(
  target: string,
  pushType = 'liveactivity',
  payload = '{"aps":{"event":"update","timestamp":100}}',
) {
  return sendRequestSchema.parse({
    provider: 'apns',
    credential: 'c',
    environment: 'sandbox',
    target,
    options: { pushType, priority: 10 },
    payload,
  }) as SendRequest;
}

describe('the preflight context of an APNs send', () => {
  const history = useHistoryDir('pc-la-context-');

  it('names the saved device the target is, and reads a rotated update token’s history across its tokens', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'pc-la-ws-'));
    const devices = new DeviceStore(workspace);
    const store = history.open();
    const saved = await devices.save({
      label: 'Order 1024',
      provider: 'apns',
      environment: 'sandbox',
      target: first,
      kind: 'update',
      attributesType: 'DeliveryAttributes',
      activityId: 'act-1024',
    });
    const sent = new Date(NOW - 60_000).toISOString();
    store.recordSend(
      makeResult(1, { provider: 'apns', target: first, outcome: 'accepted', startedAt: sent }),
      apnsRequest(first, 'liveactivity', '{"aps":{"event":"update","timestamp":500}}'),
    );
    await devices.save({ ...saved.device, target: rotated });
    const source = preflightContextSource({
      contracts: new LiveActivityContractStore(workspace),
      history: store,
      devices,
      now: () => NOW,
    });

    const context = await source(apnsRequest(rotated), true);
    expect(context.targetDevice).toEqual({
      label: 'Order 1024',
      kind: 'update',
      attributesType: 'DeliveryAttributes',
      activityId: 'act-1024',
    });
    expect(context.liveActivity?.history).toEqual({ lastTimestamp: 500, priority10LastHour: 1, sendsLastHour: 1 });

    // An ordinary push hears of the device too; an unknown target is null; a bulk send looks nothing up.
    expect((await source(apnsRequest(rotated, 'alert'), true)).targetDevice?.kind).toBe('update');
    expect((await source(apnsRequest('ef'.repeat(32)), true)).targetDevice).toBeNull();
    expect(await source(apnsRequest(rotated), false)).not.toHaveProperty('targetDevice');
  });
});
