import Ajv from 'ajv';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fcmOptionsSchema, fcmSendSchema } from '../../../../../shared/providers/fcm/message';
import { fcmMessageJsonSchema } from '../../../../../shared/providers/fcm/message-schema';
import { fcmTemplates } from '../../../../../shared/providers/fcm/templates';
import { resolveFcmTarget } from '../../../../../shared/providers/fcm/target';

const validate = new Ajv({ strict: false, allErrors: true }).compile(fcmMessageJsonSchema);

describe('FCM send request schema', () => {
  it('defaults options so an empty composer draft parses', () => {
    expect(fcmOptionsSchema.parse({})).toEqual({ targetKind: 'auto', validateOnly: false });
    const parsed = fcmSendSchema.parse({
      provider: 'fcm',
      credential: 'c',
      environment: 'local',
      target: 't',
      payload: '{}',
    });
    expect(parsed.options).toEqual({ targetKind: 'auto', validateOnly: false });
    expect(() => fcmOptionsSchema.parse({ targetKind: 'fid' })).toThrow();
  });

  it('shows validate_only as "Dry run" in the generated options form', () => {
    const schema = z.toJSONSchema(fcmOptionsSchema, { io: 'input' }) as {
      properties: Record<string, { title?: string }>;
    };
    expect(schema.properties['validateOnly']!.title).toBe('Dry run');
    expect(schema.properties['targetKind']!.title).toBe('Target kind');
  });

  it('resolves target text into the message field', () => {
    expect(resolveFcmTarget('/topics/news')).toEqual({ field: 'topic', value: 'news' });
    expect(resolveFcmTarget('topics/news', 'topic')).toEqual({ field: 'topic', value: 'news' });
    expect(resolveFcmTarget("'a' in topics || 'b' in topics")).toEqual({
      field: 'condition',
      value: "'a' in topics || 'b' in topics",
    });
    expect(resolveFcmTarget('  abc:def  ')).toEqual({ field: 'token', value: 'abc:def' });
    expect(resolveFcmTarget('   ')).toBeNull();
  });
});

describe('FCM message JSON Schema (Monaco)', () => {
  it.each(fcmTemplates.map((t) => [t.id, t.payload] as const))('accepts template %s', (_id, payload) => {
    expect(validate(JSON.parse(payload)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects non-string data, unknown fields, bad priority, ttl and link', () => {
    for (const bad of [
      { data: { n: 1 } },
      { notification: { subtitle: 'x' } },
      { android: { priority: 'URGENT' } },
      { android: { ttl: '10' } },
      { webpush: { fcm_options: { link: 'http://x' } } },
      { priority: 'high' },
    ]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('accepts lowerCamel spellings, as proto3 JSON does, without suggesting them', () => {
    expect(
      validate({ android: { collapseKey: 'k', directBootOk: true }, webpush: { fcmOptions: { link: 'https://x' } } }),
    ).toBe(true);
    expect(validate({ webpush: { fcmOptions: { link: 'http://x' } } })).toBe(false);
    const android = fcmMessageJsonSchema.properties.android.properties as Record<string, { doNotSuggest?: boolean }>;
    expect(android['collapseKey']!.doNotSuggest).toBe(true);
    expect(android['collapse_key']!.doNotSuggest).toBeUndefined();
  });

  it('describes every top-level field for hovers', () => {
    for (const [name, property] of Object.entries(fcmMessageJsonSchema.properties)) {
      expect((property as { description?: string }).description, name).toBeTruthy();
    }
  });
});
