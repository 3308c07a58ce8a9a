import { z } from 'zod';
import { environmentSchema } from '../domain/environment';
import { providerSchema } from '../domain/exchange';

/**
 * A collection is a folder of plain files a team commits: `collection.json` (optional: name,
 * description, order, variables) and one `<name>.json` per request; sub-folders are folders of
 * the collection with their own optional `collection.json`. A request names its profile,
 * credential and device by label or id, never by secret: secrets stay in the keychain.
 */

/** An expected value: the value itself, `{ "equals": v }`, or `{ "matches": "regex" }`. */
const expectedValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const matcherSchema = z.union([
  expectedValueSchema,
  z.strictObject({ equals: expectedValueSchema }),
  z.strictObject({ matches: z.string().min(1).describe('A regular expression (JavaScript syntax).') }),
]);
export type Matcher = z.infer<typeof matcherSchema>;

/** `equals` / `matches` beside a subject (a header, a JSON path); neither means "is present". */
const comparison = {
  equals: expectedValueSchema.optional(),
  matches: z.string().min(1).optional().describe('A regular expression (JavaScript syntax).'),
};

const jsonPath = z
  .string()
  .regex(/^\$(\.[A-Za-z_$][\w$-]*|\[\d+\]|\["[^"]*"\])*$/, 'A JSON path like $.a.b[0] or $["a-b"].');

export const assertionSchema = z.union(
  [
    z.strictObject({ outcome: z.union([z.enum(['accepted', 'rejected', 'failed']), matcherSchema]) }),
    z.strictObject({ status: matcherSchema }),
    z.strictObject({ reason: matcherSchema }),
    z.strictObject({ header: z.string().min(1).describe('A response header, any case.'), ...comparison }),
    z.strictObject({ json: jsonPath.describe('A JSON path into the response body, e.g. $.name.'), ...comparison }),
    z.strictObject({ durationBelowMs: z.number().positive().describe('The send took less than this.') }),
    z.strictObject({
      delivered: z.union([
        z.literal(true),
        z.strictObject({
          /** Whose inbox: a Notification Hub forwards to the APNs/FCM/WNS emulator too. */
          inbox: providerSchema.optional(),
          path: jsonPath.optional().describe('A JSON path into the delivered payload.'),
          ...comparison,
        }),
      ]),
    }),
  ],
  {
    error:
      'Not an assertion: one of outcome, status, reason, header, json, durationBelowMs or delivered, spelt as docs/collections.md shows.',
  },
);
export type Assertion = z.infer<typeof assertionSchema>;

/** Where a captured value comes from; it becomes `{{vars.<name>}}` for the requests after it. */
export const captureSchema = z.union(
  [
    z.strictObject({ header: z.string().min(1) }),
    z.strictObject({ json: jsonPath }),
    z.strictObject({ messageId: z.string().min(1).describe('A key of the result’s messageIds, e.g. apns-id.') }),
    z.strictObject({ delivered: jsonPath, inbox: providerSchema.optional() }),
    z.strictObject({ status: z.literal(true) }),
    z.strictObject({ reason: z.literal(true) }),
  ],
  { error: 'Not a capture: one of header, json, messageId, delivered, status or reason.' },
);
export type Capture = z.infer<typeof captureSchema>;

const variableName = z.string().regex(/^[A-Za-z_][\w-]*$/, 'A variable name is letters, digits, _ and -.');
export const variablesSchema = z.record(variableName, z.string());

export const collectionRequestSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().trim().min(1).max(120).optional().describe('Shown in reports; the file name when absent.'),
    description: z.string().optional(),
    provider: providerSchema,
    profile: z.string().min(1).optional().describe('A profile of the workspace, by name or id.'),
    credential: z.string().min(1).optional().describe('A credential by label or id, when no profile is named.'),
    environment: environmentSchema.optional().describe('Where to send; run --env and the profile decide otherwise.'),
    device: z.string().min(1).optional().describe('A device of the workspace, by label or id.'),
    target: z.string().min(1).optional().describe('A target as the provider takes it, when no device is named.'),
    options: z.record(z.string(), z.unknown()).optional().describe('Provider options, over the profile’s defaults.'),
    payload: z.unknown().optional().describe('JSON (an object) or text (a string: WNS XML, a raw payload).'),
    payloadFile: z.string().min(1).optional().describe('A file beside this one holding the payload as text.'),
    assert: z.array(assertionSchema).optional().describe('Absent: the send must be accepted.'),
    capture: z.record(variableName, captureSchema).optional(),
  })
  .superRefine((request, ctx) => {
    if (!request.profile && !request.credential) {
      ctx.addIssue({ code: 'custom', message: 'Name a "profile" or a "credential".', path: ['profile'] });
    }
    if (!request.device && !request.target && request.provider !== 'nhub') {
      ctx.addIssue({ code: 'custom', message: 'Name a "device" or a "target".', path: ['device'] });
    }
    if (request.device && request.target) {
      ctx.addIssue({ code: 'custom', message: 'Give "device" or "target", not both.', path: ['target'] });
    }
    if (request.payload !== undefined && request.payloadFile !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'Give "payload" or "payloadFile", not both.', path: ['payloadFile'] });
    }
    if (request.payloadFile !== undefined && /(^|[\\/])\.\.([\\/]|$)|^[\\/]/.test(request.payloadFile)) {
      ctx.addIssue({ code: 'custom', message: 'payloadFile is a file beside the request.', path: ['payloadFile'] });
    }
  });
export type CollectionRequest = z.infer<typeof collectionRequestSchema>;

/** `collection.json`: of the collection (its root folder) or of one of its folders. */
export const collectionMetaSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().optional(),
  /** File and folder names run first in this order; the rest follow by name. */
  order: z.array(z.string().min(1)).optional(),
  variables: variablesSchema.optional(),
  /** Variables per run environment (`--env`), over `variables`. */
  environments: z.partialRecord(environmentSchema, variablesSchema).optional(),
});
export type CollectionMeta = z.infer<typeof collectionMetaSchema>;

/** A request of a loaded collection: where it is and what it says. */
export interface CollectionItem {
  /** Path from the collection's folder, `/`-separated: `fcm/topic.json`. */
  path: string;
  /** Folder names from the root down, for reports (`["fcm"]`). */
  folders: string[];
  name: string;
  request: CollectionRequest;
  /** The payload text: inline JSON serialised, a string as is, or payloadFile's content. */
  payloadText: string;
  /** Variables of the folders above it, root first (a deeper folder wins). */
  scopeVariables: Record<string, string>;
}

export interface Collection {
  name: string;
  description?: string | undefined;
  meta: CollectionMeta;
  items: CollectionItem[];
}

/** The JSON Schemas published for editors (`docs/schema/`), generated from the zod above. */
export function collectionJsonSchemas(): Record<string, unknown> {
  return {
    'collection-request.schema.json': {
      ...z.toJSONSchema(collectionRequestSchema, { io: 'input', unrepresentable: 'any' }),
      title: 'Push Console collection request',
    },
    'collection.schema.json': {
      ...z.toJSONSchema(collectionMetaSchema, { io: 'input', unrepresentable: 'any' }),
      title: 'Push Console collection folder (collection.json)',
    },
  };
}
