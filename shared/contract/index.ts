/**
 * The one contract between the renderer and main. Every call is a name with a zod input and
 * output; every event main pushes is a name with a zod payload. Both adapters (Electron IPC and
 * the browser-mode WebSocket) carry exactly this, and the dispatcher in main parses every input
 * with these schemas before any handler sees it. Add new calls in `shared/contract/<domain>.ts`
 * (mirroring `main/core/api/<domain>.ts`) and merge them here; nowhere else.
 */
import { z } from 'zod';
import { apiErrorSchema } from '../errors';
import { apnsChannelsCalls } from './apns-channels';
import { appCalls } from './app';
import { collectionsCalls } from './collections';
import { composeCalls } from './compose';
import { credentialsCalls } from './credentials';
import { devicesCalls } from './devices';
import { emulatorsCalls } from './emulators';
import { events } from './events';
import { historyCalls } from './history';
import { liveActivityCalls } from './live-activity';
import { nhubRegistrationsCalls } from './nhub-registrations';
import { sandboxCalls } from './sandbox';
import { tokenDoctorCalls } from './token-doctor';
import { uploadsCalls } from './uploads';

export { appInfoSchema, keychainStatusSchema, type AppInfo, type KeychainStatus } from './app';
export { deliverySchema, emulatorStatusSchema } from './emulators';
export { events } from './events';
export { CREDENTIAL_MANAGED_BY, EMULATED_DEVICES_MAX, isSandboxCredential } from './sandbox';
export { uploadPurposeSchema, type UploadPurpose } from './uploads';

export const calls = {
  ...appCalls,
  ...composeCalls,
  ...devicesCalls,
  ...uploadsCalls,
  ...credentialsCalls,
  ...sandboxCalls,
  ...emulatorsCalls,
  ...historyCalls,
  ...nhubRegistrationsCalls,
  ...apnsChannelsCalls,
  ...tokenDoctorCalls,
  ...collectionsCalls,
  ...liveActivityCalls,
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
