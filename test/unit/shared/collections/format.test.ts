import { describe, expect, it } from 'vitest';
import { formatMeta, formatRequest, requestFileName } from '../../../../shared/collections/format';
import { collectionRequestSchema, type CollectionRequest } from '../../../../shared/collections/schema';

describe('the collection file writer', () => {
  const request: CollectionRequest = {
    capture: { b: { header: 'apns-id' }, a: { json: '$.x' } },
    assert: [{ matches: '^a', header: 'apns-id' }, { status: 200 }],
    payload: { z: 1, a: 2 },
    options: { topic: 't', priority: 10 },
    device: 'Sandbox iPhone',
    profile: 'Sandbox apns (local)',
    provider: 'apns',
    name: 'APNs alert',
  };

  it('writes fields in one order, options and captures sorted, the payload as the author wrote it', () => {
    const text = formatRequest(request);
    expect(text.endsWith('}\n')).toBe(true);
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual(['name', 'provider', 'profile', 'device', 'options', 'payload', 'assert', 'capture']);
    expect(text).toContain('"options": {\n    "priority": 10,\n    "topic": "t"\n  }');
    expect(text).toContain('"payload": {\n    "z": 1,\n    "a": 2\n  }');
    expect(text).toContain('"header": "apns-id",\n      "matches": "^a"');
    expect(text.indexOf('"a": {')).toBeLessThan(text.indexOf('"b": {'));
  });

  it('round-trips: what it writes parses to the same request and is written again byte for byte', () => {
    const text = formatRequest(request);
    const parsed = collectionRequestSchema.parse(JSON.parse(text));
    expect(parsed).toEqual(request);
    expect(formatRequest(parsed)).toBe(text);
  });

  it('writes collection.json the same way, and names files from request names', () => {
    const text = formatMeta({ variables: { b: '2', a: '1' }, name: 'smoke', order: ['z.json', 'a.json'] });
    expect(text).toBe(
      '{\n  "name": "smoke",\n  "order": [\n    "z.json",\n    "a.json"\n  ],\n  "variables": {\n    "a": "1",\n    "b": "2"\n  }\n}\n',
    );
    expect(requestFileName('APNs alert: Ünïcode!')).toBe('apns-alert-unicode.json');
    expect(requestFileName('***')).toBe('request.json');
  });
});
