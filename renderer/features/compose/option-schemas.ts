import { z } from 'zod';
import type { Provider } from '../../../shared/domain/exchange';
import { apnsOptionsSchema } from '../../../shared/providers/apns/message';
import { fcmOptionsSchema } from '../../../shared/providers/fcm/message';
import { nhubOptionsSchema } from '../../../shared/providers/nhub/message';
import { webpushOptionsSchema } from '../../../shared/providers/webpush/message';
import { wnsOptionsSchema } from '../../../shared/providers/wns/message';

const SCHEMAS: Record<Provider, z.ZodType> = {
  apns: apnsOptionsSchema,
  fcm: fcmOptionsSchema,
  wns: wnsOptionsSchema,
  webpush: webpushOptionsSchema,
  nhub: nhubOptionsSchema,
};

export interface JsonSchemaNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  title?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  anyOf?: JsonSchemaNode[];
  items?: JsonSchemaNode;
}

const cache = new Map<Provider, JsonSchemaNode>();

/** The provider's options as JSON Schema (from its zod schema in shared/), for the form. */
export function optionsJsonSchema(provider: Provider): JsonSchemaNode {
  let schema = cache.get(provider);
  if (!schema) {
    try {
      schema = z.toJSONSchema(SCHEMAS[provider], { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
    } catch {
      schema = { type: 'object' };
    }
    cache.set(provider, schema);
  }
  return schema;
}
