import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../../shared/devices/csv';
import { exportDevicesCsv, importDevices } from '../../../shared/devices/import-export';
import { substitute } from '../../../shared/devices/substitute';
import type { Device } from '../../../shared/domain/device';

describe('CSV', () => {
  it('round-trips quotes, commas and newlines', () => {
    const rows = [
      ['a', 'b,c', 'say "hi"'],
      ['line\nbreak', '', ' padded '],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe('device import', () => {
  const header = 'label,provider,platform,environment,target,tags,notes,field:badge\n';

  it('imports valid rows with tags and fields', () => {
    const result = importDevices(header + `iPhone,apns,ios,sandbox,${'ab'.repeat(32)},qa;beta,desk,5\n`, 'csv');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.devices[0]).toMatchObject({ label: 'iPhone', tags: ['qa', 'beta'], fields: { badge: '5' } });
  });

  it('names every bad row and imports nothing', () => {
    const result = importDevices(
      header +
        `ok,apns,ios,sandbox,${'ab'.repeat(32)},,,\nbad,pigeon,ios,sandbox,abc,,,\nnone,fcm,android,sandbox,,,,\n`,
      'csv',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(result.errors[0]!.message).toMatch(/^Row 3: provider: /);
    expect(result.errors[1]!.message).toMatch(/^Row 4: target: /);
  });

  it('checks each target against its provider, and keeps the valid rows beside the errors', () => {
    const result = importDevices(
      header +
        [
          `even,apns,ios,sandbox,${'ab'.repeat(40)},,,`,
          `odd,apns,ios,sandbox,${'a'.repeat(65)},,,`,
          'wnslocal,wns,windows,local,http://127.0.0.1:4000/w/?token=x,,,',
          'wnsother,wns,windows,production,https://example.com/w/?token=x,,,',
          'fcmshort,fcm,android,sandbox,abc:def,,,',
          'topic,fcm,android,sandbox,/topics/news,,,',
        ].join('\n') +
        '\n',
      'csv',
    );
    expect(result).toMatchObject({
      ok: false,
      valid: [{ label: 'even' }, { label: 'wnslocal' }, { label: 'topic' }],
      errors: [
        { row: 3, field: 'target', reason: /at least 64 hex characters in whole bytes; this one has 65/ },
        { row: 5, field: 'target', reason: /on a WNS host .*not example\.com/ },
        { row: 6, field: 'target', reason: /registration token/ },
      ],
    });
  });

  it('says what is wrong with a header or JSON', () => {
    expect(importDevices('name,token\n', 'csv')).toMatchObject({
      ok: false,
      errors: [{ message: /header row lacks label, provider/ }],
    });
    expect(importDevices('{nope', 'json')).toMatchObject({ ok: false, errors: [{ message: /Not valid JSON/ }] });
    expect(importDevices('{"x":1}', 'json')).toMatchObject({ ok: false, errors: [{ message: /Expected an array/ }] });
  });

  it('exports what it imports', () => {
    const device: Device = {
      id: '1',
      label: 'Pixel, "work"',
      provider: 'fcm',
      platform: 'android',
      environment: 'production',
      target: `${'t'.repeat(20)}:${'e'.repeat(140)}`,
      tags: ['a', 'b'],
      notes: '',
      fields: { badge: '2' },
      state: 'active',
      createdAt: '',
      updatedAt: '',
    };
    const again = importDevices(exportDevicesCsv([device]), 'csv');
    expect(again).toMatchObject({
      ok: true,
      devices: [{ label: 'Pixel, "work"', tags: ['a', 'b'], fields: { badge: '2' } }],
    });
  });
});

describe('substitute', () => {
  it('fills placeholders and reports missing ones', () => {
    expect(
      substitute('{"badge": {{device.badge}}, "who": "{{ device.label }}"}', { badge: '4', label: 'Ann' }),
    ).toEqual({
      text: '{"badge": 4, "who": "Ann"}',
      missing: [],
    });
    expect(substitute('{{device.x}} {{device.x}}', {}).missing).toEqual(['x']);
  });
});
