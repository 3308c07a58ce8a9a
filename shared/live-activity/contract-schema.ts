import { z } from 'zod';

/**
 * A JSON-Schema-like description of what a Swift `Codable` type reads, as its synthesized
 * `Decodable` does: `properties`/`required` for structs, `enum` for raw-value enums, `items` for
 * arrays, `additionalProperties` for `[String: T]`. The `x-swift` keyword keeps the Swift type as
 * written so messages can name it. A `Date` has `format: "swift-date"` and no `type`: its JSON
 * shape depends on the contract's date strategy.
 */
export interface SchemaNode {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  'x-swift'?: string;
  /** Optional in Swift: the key may be missing or `null`. */
  nullable?: boolean;
  format?: 'swift-date' | 'uri' | 'uuid' | 'base64';
  enum?: Array<string | number>;
  /** An enum without raw values is encoded as `{"caseName": {}}`. */
  'x-cases'?: string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  /** `ClosedRange<T>` / `Range<T>` are encoded as `[lower, upper]`. */
  prefixItems?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  /** The type has its own `init(from:)`; what it reads may differ from the declared shape. */
  'x-custom-decoder'?: boolean;
  description?: string;
}

const NODE_DEPTH_MAX = 32;

export const schemaNodeSchema: z.ZodType<SchemaNode> = z.lazy(() =>
  z
    .object({
      type: z.enum(['string', 'integer', 'number', 'boolean', 'object', 'array']).optional(),
      'x-swift': z.string().max(500).optional(),
      nullable: z.boolean().optional(),
      format: z.enum(['swift-date', 'uri', 'uuid', 'base64']).optional(),
      enum: z
        .array(z.union([z.string().max(500), z.number()]))
        .max(1000)
        .optional(),
      'x-cases': z.array(z.string().max(200)).max(1000).optional(),
      properties: z.record(z.string().max(200), schemaNodeSchema).optional(),
      required: z.array(z.string().max(200)).max(1000).optional(),
      additionalProperties: z.union([schemaNodeSchema, z.boolean()]).optional(),
      items: schemaNodeSchema.optional(),
      prefixItems: z.array(schemaNodeSchema).max(2).optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      'x-custom-decoder': z.boolean().optional(),
      description: z.string().max(2000).optional(),
    })
    .strict(),
);

/** How deep a node nests; a hand-edited schema deeper than any real ContentState is refused. */
export function schemaDepth(node: SchemaNode): number {
  const children = [
    ...Object.values(node.properties ?? {}),
    ...(node.items ? [node.items] : []),
    ...(typeof node.additionalProperties === 'object' ? [node.additionalProperties] : []),
    ...(node.prefixItems ?? []),
  ];
  return 1 + Math.max(0, ...children.map(schemaDepth));
}

export const boundedSchemaNode = schemaNodeSchema.refine((node) => schemaDepth(node) <= NODE_DEPTH_MAX, {
  message: `A schema may nest at most ${NODE_DEPTH_MAX} levels`,
});
