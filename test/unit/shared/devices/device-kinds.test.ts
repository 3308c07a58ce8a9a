import { describe, expect, it } from 'vitest';
import { exportDevicesCsv, exportDevicesJson, importDevices } from '../../../../shared/devices/import-export';
import { deviceKindProblem, targetProblem } from '../../../../shared/devices/validate-target';
import { deviceInputSchema, deviceKind, deviceSchema, type Device } from '../../../../shared/domain/device';

const token = 'ab'.repeat(32);
const channel = 'dHN0LXNydnItY2hubA==';
const header = 'label,provider,platform,environment,target,kind,attributes-type,activity-id\n';

describe('device kinds: schema', () => {
  it('reads a device without a kind as an ordinary token, and refuses an unknown kind in words', () => {
    const device = deviceSchema.parse({
      id: '1',
      label: 'Phone',
      provider: 'apns',
      environment: 'sandbox',
      target: token,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(device.kind).toBeUndefined();
    expect(deviceKind(device)).toBe('token');
    const bad = deviceInputSchema.safeParse({
      label: 'x',
      provider: 'apns',
      environment: 'sandbox',
      target: token,
      kind: 'activity',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('A device kind is one of token, push-to-start, update, channel.');
  });
});

describe('device kinds: validation', () => {
  it('says what each Live Activity kind needs', () => {
    const apns = (fields: object) => deviceKindProblem({ provider: 'apns', ...fields });
    expect(apns({})).toBeNull();
    expect(apns({ kind: 'push-to-start', attributesType: 'DeliveryAttributes' })).toBeNull();
    expect(apns({ kind: 'update', attributesType: 'DeliveryAttributes', activityId: 'A1B2-C3' })).toBeNull();
    expect(apns({ kind: 'channel', attributesType: 'Match.ScoreAttributes' })).toBeNull();
    expect(apns({ kind: 'push-to-start' })).toEqual({
      field: 'attributesType',
      reason:
        'Push-to-start tokens belong to one ActivityAttributes type; enter its Swift name (e.g. DeliveryAttributes).',
    });
    expect(apns({ kind: 'update', attributesType: 'DeliveryAttributes' })?.reason).toBe(
      'An update token belongs to one activity; enter its activity id (ActivityKit’s activity.id).',
    );
    expect(apns({ kind: 'channel', attributesType: '9Lives' })?.reason).toBe(
      '"9Lives" is not a Swift type name (letters, digits and _, not starting with a digit).',
    );
    expect(apns({ kind: 'push-to-start', attributesType: 'A', activityId: 'x' })?.reason).toBe(
      'Only an update token belongs to one activity; a push-to-start token has no activity id.',
    );
    expect(apns({ attributesType: 'DeliveryAttributes' })?.field).toBe('attributesType');
    expect(deviceKindProblem({ provider: 'fcm', kind: 'update' })?.reason).toBe(
      'Only APNs devices have a Live Activity kind; this one is a device token.',
    );
  });

  it('checks a channel id as base64, and a hex token is not one', () => {
    expect(targetProblem('apns', 'sandbox', channel, 'channel')).toBeNull();
    expect(targetProblem('apns', 'sandbox', token, 'channel')).toMatch(/^This is a hex device token, not a channel id/);
    expect(targetProblem('apns', 'sandbox', 'not base64!', 'channel')).toMatch(/^A channel id is base64/);
    // Token kinds keep the hex rule.
    expect(targetProblem('apns', 'sandbox', channel, 'update')).toBe(
      'An APNs device token is hexadecimal (0-9, a-f) only.',
    );
    expect(targetProblem('apns', 'sandbox', token, 'push-to-start')).toBeNull();
  });
});

describe('device kinds: import and export', () => {
  it('imports kind and attributes type columns (the payload spelling too) and names a bad row', () => {
    const result = importDevices(
      header +
        [
          `Start,apns,ios,sandbox,${token},push-to-start,DeliveryAttributes,`,
          `Order 1024,apns,ios,sandbox,${'cd'.repeat(32)},update,DeliveryAttributes,act-1024`,
          `Scores,apns,ios,sandbox,${channel},channel,ScoreAttributes,`,
          `Plain,apns,ios,sandbox,${'ef'.repeat(32)},,,`,
          `No activity,apns,ios,sandbox,${'01'.repeat(32)},update,DeliveryAttributes,`,
          `Hex channel,apns,ios,sandbox,${'02'.repeat(32)},channel,ScoreAttributes,`,
        ].join('\n') +
        '\n',
      'csv',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.valid.map((d) => [d.label, d.kind, d.attributesType, d.activityId])).toEqual([
      ['Start', 'push-to-start', 'DeliveryAttributes', undefined],
      ['Order 1024', 'update', 'DeliveryAttributes', 'act-1024'],
      ['Scores', 'channel', 'ScoreAttributes', undefined],
      ['Plain', undefined, undefined, undefined],
    ]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'Row 6: activityId: An update token belongs to one activity; enter its activity id (ActivityKit’s activity.id).',
      expect.stringMatching(/^Row 7: target: This is a hex device token, not a channel id/),
    ]);
  });

  it('exports the kind columns only when a device has a kind, and an export imports again as it was', () => {
    const base = {
      platform: 'ios' as const,
      environment: 'sandbox' as const,
      tags: [],
      notes: '',
      fields: {},
      state: 'active' as const,
    };
    const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    const plain: Device = { id: '1', label: 'Plain', provider: 'apns', target: token, ...base, ...stamp };
    expect(exportDevicesCsv([plain]).split(/\r?\n/)[0]).toBe(
      'label,provider,platform,environment,target,tags,notes,state',
    );
    const update: Device = {
      ...plain,
      id: '2',
      label: 'Order',
      target: 'cd'.repeat(32),
      kind: 'update',
      attributesType: 'DeliveryAttributes',
      activityId: 'act-1',
      previousTargets: ['ef'.repeat(32)],
    };
    const csv = exportDevicesCsv([plain, update]);
    expect(csv.split(/\r?\n/)[0]).toBe(
      'label,provider,platform,environment,target,tags,notes,kind,attributesType,activityId,state',
    );
    for (const [text, format] of [
      [csv, 'csv'],
      [exportDevicesJson([plain, update]), 'json'],
    ] as const) {
      const again = importDevices(text, format);
      expect(again.ok).toBe(true);
      if (!again.ok) continue;
      expect(again.devices[1]).toMatchObject({
        kind: 'update',
        attributesType: 'DeliveryAttributes',
        activityId: 'act-1',
      });
      expect(again.devices[1]).not.toHaveProperty('previousTargets');
      expect(deviceKind(again.devices[0]!)).toBe('token');
    }
  });
});
