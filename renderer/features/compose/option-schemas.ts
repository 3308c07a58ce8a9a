import { z } from 'zod';
import type { Provider } from '../../../shared/domain/exchange';
import { providerSpec } from '../../../shared/providers';

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
      schema = z.toJSONSchema(providerSpec(provider).optionsSchema, {
        io: 'input',
        unrepresentable: 'any',
      }) as JsonSchemaNode;
    } catch {
      schema = { type: 'object' };
    }
    cache.set(provider, schema);
  }
  return schema;
}
