import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { nhubOptionsSchema, nhubSendSchema } from '../../../../../shared/providers/nhub/message';

describe('Notification Hubs send schema', () => {
  it('fills option defaults when options are absent or partial', () => {
    const parsed = nhubSendSchema.parse({
      provider: 'nhub',
      credential: 'c',
      environment: 'local',
      target: '',
      payload: '{}',
    });
    expect(parsed.options).toEqual({
      format: 'apple',
      targetKind: 'tags',
      test: false,
      headers: {},
      apiVersion: '2020-06',
    });
    expect(nhubOptionsSchema.parse({ format: 'windows' }).targetKind).toBe('tags');
  });

  it('refuses unknown formats and WNS types', () => {
    expect(nhubOptionsSchema.safeParse({ format: 'windowsphone' }).success).toBe(false);
    expect(nhubOptionsSchema.safeParse({ wnsType: 'wns/toaster' }).success).toBe(false);
  });

  it('describes every option for the generated composer form', () => {
    const schema = z.toJSONSchema(nhubOptionsSchema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, { description?: string; enum?: string[] }>;
    };
    for (const [name, node] of Object.entries(schema.properties)) expect(node.description, name).toBeTruthy();
    expect(schema.properties['format']?.enum).toEqual([
      'apple',
      'fcmv1',
      'gcm',
      'windows',
      'template',
      'browser',
      'adm',
      'baidu',
      'xiaomi',
    ]);
  });
});
