/**
 * The one contract between the renderer and main. Every call is a name with a zod input and
 * output; every event main pushes is a name with a zod payload. Both adapters (Electron IPC and
 * the browser-mode WebSocket) carry exactly this, and the dispatcher in main parses every input
 * with these schemas before any handler sees it. Add new calls here; nowhere else.
 */
import { z } from 'zod';
import { apiErrorSchema } from './errors';
import { exchangeSchema } from './domain/exchange';
import { sendResultSchema } from './domain/send-result';
import { providerSchema } from './domain/exchange';
import { composerStateSchema, presetSchema, profileInputSchema, profileSchema } from './domain/profile';
import { sendRequestSchema } from './domain/send-request';
import { preflightIssueSchema } from './preflight/types';
import { deviceInputSchema, deviceSchema } from './domain/device';
import { faultRuleSchema } from './domain/fault-rule';
import {
  compareOutputSchema,
  curlGrantOutputSchema,
  curlOutputSchema,
  exchangePageSchema,
  harExportInputSchema,
  historyPageSchema,
  pageInputSchema,
  historySettingsSchema,
  historyStatusSchema,
  storedSendSchema,
} from './history/calls';
import { exchangeSummarySchema } from './history/summary';
import { credentialFieldsSchema, credentialImportSchema, credentialMetaSchema } from './domain/credential';
import {
  BULK_DEVICE_IDS_MAX,
  DEVICE_ID_MAX_CHARS,
  INLINE_TARGETS_MAX,
  TARGET_MAX_CHARS,
  UPLOAD_CHUNK_CHARS,
} from './transfer-limits';

const empty = z.object({}).strict();
const importFormat = z.enum(['csv', 'json']);
const uploadIdSchema = z.string().min(1).max(100);
export const uploadPurposeSchema = z.enum(['devices-import', 'bulk-targets']);
export type UploadPurpose = z.infer<typeof uploadPurposeSchema>;

export const keychainStatusSchema = z.object({
  state: z.enum(['available', 'unavailable', 'ephemeral']),
  /** Which backend answered, e.g. "Secret Service", or why none did. */
  message: z.string(),
  hint: z.string().optional(),
});
export type KeychainStatus = z.infer<typeof keychainStatusSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  platform: z.string(),
  keychain: keychainStatusSchema,
  dataDir: z.string(),
  workspaceDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const emulatorStatusSchema = z.object({
  running: z.enum(['here', 'elsewhere', 'no']),
  pid: z.number().nullable(),
  available: z.array(providerSchema),
  endpoints: z.array(z.object({ provider: providerSchema, baseUrl: z.string(), deliveries: z.number() })),
});

export const deliverySchema = z.object({
  id: z.string(),
  provider: z.string(),
  device: z.string(),
  receivedAt: z.string(),
  headers: z.record(z.string(), z.string()),
  payload: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) {
  return { input, output, doc };
}

export const calls = {
  'app.info': call(empty, appInfoSchema, 'Name, version, mode and keychain status.'),
  echo: call(
    z.object({ text: z.string().max(100_000) }).strict(),
    z.object({ text: z.string() }),
    'Returns its input; used by tests to exercise the whole path.',
  ),

  // Composer: profiles, drafts, presets and sending
  'profiles.list': call(empty, z.array(profileSchema), 'Every profile in the workspace.'),
  'profiles.save': call(profileInputSchema, profileSchema, 'Create (no id) or update a profile.'),
  'profiles.duplicate': call(z.object({ id: z.string() }).strict(), profileSchema, 'Copy a profile under a new name.'),
  'profiles.remove': call(
    z.object({ id: z.string() }).strict(),
    z.object({ removed: z.literal(true) }),
    'Delete a profile.',
  ),
  'composer.load': call(empty, composerStateSchema, 'The unsaved composer state kept in main.'),
  'composer.save': call(composerStateSchema, z.object({ saved: z.literal(true) }), 'Keep the composer state in main.'),
  'presets.list': call(
    z.object({ provider: providerSchema.optional() }).strict(),
    z.array(presetSchema),
    'Saved payloads.',
  ),
  'presets.save': call(presetSchema, presetSchema, 'Save a payload and options as a preset.'),
  'presets.remove': call(
    z.object({ provider: providerSchema, name: z.string() }).strict(),
    z.object({ removed: z.literal(true) }),
    'Delete a preset.',
  ),
  'send.preflight': call(sendRequestSchema, z.array(preflightIssueSchema), 'Preflight without sending.'),
  'send.run': call(
    z
      .object({
        sendId: z.string().min(1).max(100),
        request: sendRequestSchema,
        ignorePreflight: z.boolean().optional(),
      })
      .strict(),
    z.object({ result: sendResultSchema, preflight: z.array(preflightIssueSchema) }),
    'Send once; progress arrives as send.progress events; cancellable with send.cancel.',
  ),
  'send.cancel': call(
    z.object({ sendId: z.string() }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Abort a running send.',
  ),

  // Devices and bulk sends
  'devices.list': call(empty, z.array(deviceSchema), 'Every saved device.'),
  'devices.save': call(
    deviceInputSchema,
    z.object({ device: deviceSchema, updated: z.boolean() }),
    'Add or edit a device; the same provider and target updates the existing one.',
  ),
  'devices.remove': call(
    z.object({ ids: z.array(z.string()).min(1) }).strict(),
    z.object({ removed: z.number() }),
    'Delete devices.',
  ),
  'devices.prune': call(empty, z.object({ removed: z.number() }), 'Delete every device marked gone.'),
  'devices.import': call(
    z.union([
      z.object({ format: importFormat, text: z.string().max(UPLOAD_CHUNK_CHARS) }).strict(),
      // A file larger than one chunk is sent with uploads.* first and named here.
      z.object({ format: importFormat, uploadId: uploadIdSchema }).strict(),
    ]),
    z.union([
      z.object({ ok: z.literal(true), created: z.number(), updated: z.number() }),
      z.object({ ok: z.literal(false), errors: z.array(z.object({ row: z.number(), message: z.string() })) }),
    ]),
    'Import devices from CSV or JSON: all rows or none, with per-row errors.',
  ),
  'devices.export': call(
    z.object({ format: z.enum(['csv', 'json']) }).strict(),
    z.object({ text: z.string() }),
    'Export devices.',
  ),
  'bulk.start': call(
    z
      .object({
        request: sendRequestSchema,
        targets: z.array(z.string().max(TARGET_MAX_CHARS)).max(INLINE_TARGETS_MAX).optional(),
        /** More targets than fit inline: an upload of one target per line (up to BULK_TARGETS_MAX). */
        targetsUploadId: uploadIdSchema.optional(),
        deviceIds: z.array(z.string().max(DEVICE_ID_MAX_CHARS)).max(BULK_DEVICE_IDS_MAX).optional(),
        concurrency: z.number().int().min(1).max(1000).optional(),
        maxAttempts: z.number().int().min(1).max(10).optional(),
        record: z.boolean().optional(),
      })
      .strict(),
    z.object({ sendId: z.string(), total: z.number() }),
    'Send one message to many targets; progress arrives as send.progress events.',
  ),
  // Uploads: text larger than one message (a devices file, a targets file) goes up in chunks,
  // then the call that uses it names the upload. Limits: shared/transfer-limits.ts.
  'uploads.begin': call(
    z.object({ purpose: uploadPurposeSchema, bytes: z.number().int().min(0) }).strict(),
    z.object({ uploadId: z.string(), chunkChars: z.number() }),
    'Start an upload of a file of this many bytes; a file over the limit is refused here.',
  ),
  'uploads.append': call(
    z
      .object({ uploadId: uploadIdSchema, index: z.number().int().min(0), text: z.string().max(UPLOAD_CHUNK_CHARS) })
      .strict(),
    z.object({ chars: z.number() }),
    'Add chunk number `index` (0, 1, 2… in order) to an upload.',
  ),
  'uploads.cancel': call(
    z.object({ uploadId: uploadIdSchema }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Drop an upload that will not be used (one left idle is dropped by itself).',
  ),
  'bulk.control': call(
    z.object({ sendId: z.string(), action: z.enum(['pause', 'resume', 'cancel']) }).strict(),
    z.object({ state: z.enum(['running', 'paused', 'done', 'cancelled']) }),
    'Pause, resume or cancel a bulk send.',
  ),
  'bulk.results': call(
    z
      .object({
        sendId: z.string(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
        outcome: z.enum(['accepted', 'rejected', 'failed']).optional(),
        retryable: z.boolean().optional(),
      })
      .strict(),
    z.object({
      total: z.number(),
      items: z.array(
        z.object({
          index: z.number(),
          target: z.string(),
          deviceId: z.string().optional(),
          outcome: z.enum(['accepted', 'rejected', 'failed']),
          status: z.number().nullable(),
          reason: z.string().nullable(),
          retryable: z.boolean(),
          attempts: z.number(),
          resultId: z.string(),
        }),
      ),
    }),
    'A page of a bulk send’s per-target results.',
  ),
  'bulk.retry': call(
    z.object({ sendId: z.string() }).strict(),
    z.object({ sendId: z.string(), total: z.number() }),
    'Send again to the retryable failures of a bulk send.',
  ),

  // Credentials: secrets go in, only CredentialMeta comes out
  'credentials.list': call(empty, z.array(credentialMetaSchema), 'Every credential’s metadata (never secrets).'),
  'credentials.import': call(
    credentialImportSchema,
    credentialMetaSchema,
    'Parse a credential, store its secret in the keychain, and keep its metadata in the workspace.',
  ),
  'credentials.rename': call(
    z.object({ id: z.string(), label: z.string().max(120) }).strict(),
    credentialMetaSchema,
    'Give a credential another label.',
  ),
  'credentials.replaceSecret': call(
    credentialFieldsSchema.extend({ id: z.string() }).strict(),
    credentialMetaSchema,
    'Load a new secret (e.g. a renewed certificate) into an existing credential of the same kind.',
  ),
  'credentials.remove': call(
    z.object({ id: z.string() }).strict(),
    z.object({ removed: z.literal(true) }),
    'Delete a credential and its keychain entry.',
  ),
  'credentials.test': call(
    z.object({ id: z.string(), environment: z.enum(['live', 'local']).optional() }).strict(),
    z.object({ ok: z.boolean(), message: z.string() }),
    'Prove a credential works: JWT built, TLS identity loads, SAS built, VAPID signs, OAuth token obtained.',
  ),
  'credentials.generateVapid': call(
    z.object({ subject: z.string().max(500), label: z.string().max(120).optional() }).strict(),
    credentialMetaSchema,
    'Make a new VAPID key pair in main and store it; the public key is in the metadata.',
  ),

  // Local sandbox
  'sandbox.init': call(
    empty,
    z.array(
      z.object({
        provider: providerSchema,
        ok: z.boolean(),
        message: z.string(),
        profileId: z.string().optional(),
        deviceId: z.string().optional(),
      }),
    ),
    'Try it locally: demo credentials, emulated devices and local profiles for every provider.',
  ),

  // Local emulators
  'emulators.status': call(
    empty,
    emulatorStatusSchema,
    'Whether the local emulators run, where, and how much they received.',
  ),
  'emulators.start': call(empty, emulatorStatusSchema, 'Start every local emulator inside this app.'),
  'emulators.stop': call(empty, emulatorStatusSchema, 'Stop the emulators this app started.'),
  'emulators.inbox': call(
    z.object({ provider: providerSchema, device: z.string().optional() }).strict(),
    z.array(deliverySchema),
    'What an emulator delivered, newest first (500 at most).',
  ),
  'emulators.clearInbox': call(
    z.object({ provider: providerSchema }).strict(),
    z.object({ cleared: z.literal(true) }),
    'Empty an inbox.',
  ),
  'emulators.faults': call(
    z.object({ provider: providerSchema }).strict(),
    z.array(faultRuleSchema.extend({ id: z.string(), hits: z.number().optional() })),
    'Fault rules of one emulator.',
  ),
  'emulators.addFault': call(
    z.object({ provider: providerSchema, rule: faultRuleSchema }).strict(),
    faultRuleSchema.extend({ id: z.string() }),
    'Add a fault rule (status, delay, reset, GOAWAY) to one emulator.',
  ),
  'emulators.removeFault': call(
    z.object({ provider: providerSchema, id: z.string() }).strict(),
    z.object({ removed: z.boolean() }),
    'Remove a fault rule.',
  ),

  // history and exchanges
  'history.list': call(pageInputSchema, historyPageSchema, 'Past sends, newest first, filtered, one page at a time.'),
  'history.get': call(
    z.object({ id: z.string() }).strict(),
    storedSendSchema,
    'One past send with its request and exchanges.',
  ),
  'history.resend': call(
    z.object({ id: z.string() }).strict(),
    z.object({ result: sendResultSchema }),
    'Send a past request again (same profile and target); a new exchange is recorded.',
  ),
  'exchanges.list': call(pageInputSchema, exchangePageSchema, 'Exchange summaries, newest first, filtered.'),
  'exchanges.get': call(z.object({ id: z.string() }).strict(), exchangeSchema, 'One full exchange (redacted).'),
  'exchanges.curlGrant': call(
    z.object({ id: z.string() }).strict(),
    curlGrantOutputSchema,
    'A one-time, 30-second confirmation to copy this exchange with its secrets; ask only after the user confirmed.',
  ),
  'exchanges.curl': call(
    z
      .object({ id: z.string(), includeSecrets: z.boolean().optional(), grant: z.string().max(100).optional() })
      .strict(),
    curlOutputSchema,
    'The exchange as a curl command. With secrets (while main still holds them) it needs a grant from ' +
      'exchanges.curlGrant; Electron gets them on the clipboard from main, never in the answer.',
  ),
  'exchanges.exportHar': call(
    harExportInputSchema,
    z.object({ text: z.string(), count: z.number().int() }),
    'Selected or filtered exchanges as HAR 1.2 JSON (redacted).',
  ),
  'exchanges.compare': call(
    z.object({ left: z.string(), right: z.string() }).strict(),
    compareOutputSchema,
    'Header and body differences between two exchanges.',
  ),
  'history.settings': call(empty, historyStatusSchema, 'How much disk history may use, and whether writing it fails.'),
  'history.setSettings': call(
    historySettingsSchema.strict(),
    historySettingsSchema,
    'Change the history size cap; lowering it removes the oldest files now.',
  ),
} as const;

export const events = {
  /** Progress of a single or bulk send running in main. */
  'send.progress': z.object({
    sendId: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    failed: z.number().int(),
    ratePerSecond: z.number(),
    etaSeconds: z.number().nullable(),
    state: z.enum(['running', 'paused', 'done', 'cancelled']),
  }),
  /** A send finished for one target. */
  'send.result': sendResultSchema,
  /**
   * Exchanges recorded since the last batch, oldest first, as list rows (already redacted). Sent
   * at most about ten times a second; the whole exchange is one `exchanges.get` away.
   */
  'exchanges.recorded': z.array(exchangeSummarySchema),
  /** An emulator delivered a notification to one of its emulated devices. */
  'emulator.delivery': z.object({
    provider: z.string(),
    device: z.string(),
    receivedAt: z.string(),
    summary: z.string(),
  }),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof apiErrorSchema> };

/** Prefix of every Electron IPC channel, so the preload and the adapter agree on names. */
export const IPC_CALL_PREFIX = 'pc:call:';
export const IPC_EVENT_PREFIX = 'pc:event:';

/**
 * What the renderer holds. The Electron preload and the WebSocket client both implement it, so
 * features never know which transport they have.
 */
export interface Bridge {
  readonly kind: 'ipc' | 'ws';
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<CallOutput<N>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Exactly what the Electron preload exposes on `window.pushConsole`: one function per call and event. */
export interface PreloadApi {
  readonly calls: { readonly [N in CallName]: (input: CallInput<N>) => Promise<CallResult<CallOutput<N>>> };
  readonly events: {
    readonly [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void;
  };
}
