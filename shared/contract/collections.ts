import { z } from 'zod';
import { collectionMetaSchema, collectionRequestSchema, variablesSchema } from '../collections/schema';
import { runReportSchema } from '../collections/report';
import { environmentSchema } from '../domain/environment';
import { call, empty } from './call';

/** A collection's folder name under the workspace's `collections/`. */
export const collectionNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][\w .-]{0,79}$/, 'A collection name is letters, digits, spaces, ".", "_" and "-".')
  .refine((name) => !name.includes('..'), 'A collection name is letters, digits, spaces, ".", "_" and "-".');

/** A request file's path inside its collection (`fcm/topic.json`). */
const requestFileSchema = z
  .string()
  // Bounded, so run's `only` (at most 2,000 of them) stays well inside one call's frame.
  .max(1000)
  .regex(/^(?:[\w .-]+\/)*[\w .-]+\.json$/, 'A request file is a path ending in .json inside the collection.')
  .refine((path) => !path.split('/').includes('..'), 'A request file stays inside its collection.');

const importSkipSchema = z.object({ item: z.string(), reason: z.string() });

/** Collections in the workspace (`docs/collections.md`): the files, running them, and making requests. */
export const collectionsCalls = {
  'collections.list': call(
    empty,
    z.array(
      z.object({
        name: collectionNameSchema,
        title: z.string(),
        description: z.string().optional(),
        requests: z.number(),
      }),
    ),
    'The collections in the workspace’s collections/ folder, with how many requests each has.',
  ),
  'collections.read': call(
    z.object({ name: collectionNameSchema }).strict(),
    z.object({
      name: collectionNameSchema,
      meta: collectionMetaSchema,
      items: z.array(
        z.object({
          path: z.string(),
          folders: z.array(z.string()),
          name: z.string(),
          request: collectionRequestSchema,
          /** The payload as text: inline JSON serialised, a string as is, or its payloadFile's content. */
          payloadText: z.string(),
        }),
      ),
    }),
    'One collection’s requests in run order, as their files say them.',
  ),
  'collections.save': call(
    z
      .object({ name: collectionNameSchema, request: collectionRequestSchema, file: requestFileSchema.optional() })
      .strict(),
    z.object({ file: z.string() }),
    'Write one request into a collection (made when new), in the stable file format.',
  ),
  'collections.saveFromHistory': call(
    z
      .object({
        name: collectionNameSchema,
        sendId: z.string().min(1),
        requestName: z.string().trim().min(1).max(120).optional(),
        file: requestFileSchema.optional(),
      })
      .strict(),
    z.object({ file: z.string(), request: collectionRequestSchema }),
    'Save a past send as a collection request: references for its credential and device, its answer as assertions.',
  ),
  'collections.run': call(
    z
      .object({
        name: collectionNameSchema,
        environment: environmentSchema.optional(),
        vars: variablesSchema.optional(),
        bail: z.boolean().optional(),
        /** Only these requests (paths in the collection), in run order: a folder, or the ones that failed. */
        only: z.array(requestFileSchema).min(1).max(2000).optional(),
      })
      .strict(),
    runReportSchema,
    'Run a collection’s requests with their assertions; every send is recorded as a composer send is.',
  ),
  'collections.importPostman': call(
    z.object({ name: collectionNameSchema, postman: z.string().max(16 * 1024 * 1024) }).strict(),
    z.object({ written: z.array(z.string()), skipped: z.array(importSkipSchema) }),
    'Turn a Postman collection’s APNs, FCM v1, WNS and Notification Hubs calls into collection requests.',
  ),
} as const;
