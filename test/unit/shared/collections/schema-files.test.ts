import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectionJsonSchemas, collectionRequestSchema } from '../../../../shared/collections/schema';

const ROOT = join(import.meta.dirname, '../../../..');

describe('the published collection JSON Schemas', () => {
  it('are committed exactly as the zod schemas generate them', () => {
    for (const [name, schema] of Object.entries(collectionJsonSchemas())) {
      const committed = readFileSync(join(ROOT, 'docs/schema', name), 'utf8');
      expect(committed, `docs/schema/${name}: run node --import tsx scripts/collection-schema.mjs`).toBe(
        `${JSON.stringify(schema, null, 2)}\n`,
      );
    }
  });

  it('refuse a request that names neither a profile nor a credential, or a device and a target', () => {
    const none = collectionRequestSchema.safeParse({ provider: 'apns', device: 'x' });
    expect(none.success).toBe(false);
    expect(none.error?.issues.map((issue) => issue.message)).toContain('Name a "profile" or a "credential".');
    const both = collectionRequestSchema.safeParse({ provider: 'fcm', credential: 'c', device: 'd', target: 't' });
    expect(both.error?.issues.map((issue) => issue.message)).toContain('Give "device" or "target", not both.');
  });

  it('refuse an unknown field instead of ignoring it (a typo would silently skip an assertion)', () => {
    const typo = collectionRequestSchema.safeParse({
      provider: 'fcm',
      credential: 'c',
      target: 't',
      assert: [{ staus: 200 }],
    });
    expect(typo.success).toBe(false);
  });

  it('refuse a payloadFile outside the request’s folder', () => {
    const outside = collectionRequestSchema.safeParse({
      provider: 'fcm',
      credential: 'c',
      target: 't',
      payloadFile: '../x',
    });
    expect(outside.error?.issues.map((issue) => issue.message)).toContain('payloadFile is a file beside the request.');
  });
});
