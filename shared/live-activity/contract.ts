import { z } from 'zod';
import { boundedSchemaNode } from './contract-schema';
import { dateEncodingSchema } from './date-encoding';
import { previewLayoutSchema } from './preview-layout';

/** A Swift type name: what `attributes-type` says. */
export const ATTRIBUTES_TYPE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const SWIFT_SOURCE_MAX_CHARS = 100_000;
export const CONTRACTS_MAX = 200;

/**
 * What one Live Activity attributes type reads, declared once per workspace: the ContentState
 * (checked against every `content-state`) and the attributes (checked against a start's
 * `attributes`), with the date strategy its decoder uses.
 */
export const liveActivityContractSchema = z.object({
  attributesType: z
    .string()
    .min(1)
    .max(200)
    .regex(ATTRIBUTES_TYPE_PATTERN, 'An attributes type is a Swift type name, like DeliveryAttributes'),
  dateEncoding: dateEncodingSchema.default('deferredToDate'),
  contentState: boundedSchemaNode,
  attributes: boundedSchemaNode,
  /** The pasted declaration the schemas came from, kept so it can be edited again. */
  swiftSource: z.string().max(SWIFT_SOURCE_MAX_CHARS).optional(),
  /** Which keys the composer's preview shows as title, subtitle, progress and timer; absent in older files. */
  preview: previewLayoutSchema.optional(),
  updatedAt: z.string().optional(),
});
export type LiveActivityContract = z.infer<typeof liveActivityContractSchema>;
export type LiveActivityContractInput = z.input<typeof liveActivityContractSchema>;
