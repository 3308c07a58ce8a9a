/**
 * From a send request (target text + options + payload JSON) to the exact `message` object the
 * client posts, and its size as FCM counts it. Pure, so preflight, the client and the CLI agree.
 */
import { describeJsonSyntaxError, findJsonSyntaxError } from '../../json/syntax';
import type { TextPlace } from '../../preflight/types';
import { utf8Length } from '../../text';
import type { FcmSendRequest } from './message';
import { FCM_TARGET_FIELDS, resolveFcmTarget, type FcmTarget } from './target';

export type ParsedFcmPayload =
  { ok: true; message: Record<string, unknown>; validateOnly?: boolean } | { ok: false; error: string; at?: TextPlace };

/** The payload is a `message` object, or a whole request body `{"message": {...}, "validate_only": …}`. */
export function parseFcmPayload(payload: string): ParsedFcmPayload {
  let value: unknown;
  try {
    value = payload.trim() === '' ? {} : JSON.parse(payload);
  } catch (error) {
    const found = findJsonSyntaxError(payload);
    if (!found) return { ok: false, error: `The payload is not valid JSON: ${(error as Error).message}` };
    const at = { offset: found.offset, line: found.line, column: found.column };
    return { ok: false, error: `The payload is not valid JSON: ${describeJsonSyntaxError(found)}`, at };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'The payload must be a JSON object (the FCM message).' };
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const wrapped =
    typeof record['message'] === 'object' &&
    record['message'] !== null &&
    keys.every((key) => ['message', 'validate_only', 'validateOnly'].includes(key));
  if (!wrapped) return { ok: true, message: record };
  const flag = record['validate_only'] ?? record['validateOnly'];
  return {
    ok: true,
    message: record['message'] as Record<string, unknown>,
    ...(typeof flag === 'boolean' ? { validateOnly: flag } : {}),
  };
}

export type FcmBuild =
  | { ok: true; message: Record<string, unknown>; target: FcmTarget; validateOnly: boolean }
  | { ok: false; code: string; error: string; at?: TextPlace };

export function targetFieldsIn(message: Record<string, unknown>): string[] {
  return FCM_TARGET_FIELDS.filter((field) => message[field] !== undefined);
}

/** The message to send, with the target field from the request set (payload targets used only when none is given). */
export function buildFcmMessage(request: Pick<FcmSendRequest, 'target' | 'options' | 'payload'>): FcmBuild {
  const parsed = parseFcmPayload(request.payload);
  if (!parsed.ok) return { ...parsed, code: 'fcm.payload.invalid-json' };
  const inPayload = targetFieldsIn(parsed.message);
  const fromText = resolveFcmTarget(request.target, request.options?.targetKind ?? 'auto');
  const validateOnly = request.options?.validateOnly === true || parsed.validateOnly === true;
  if (fromText) {
    if (inPayload.length > 0) {
      return {
        ok: false,
        code: 'fcm.target.multiple',
        error: `The payload names a target (${inPayload.join(', ')}) and the target field is set too; FCM needs exactly one.`,
      };
    }
    const message = { [fromText.field]: fromText.value, ...parsed.message };
    return { ok: true, message, target: fromText, validateOnly };
  }
  if (inPayload.length === 0) {
    return {
      ok: false,
      code: 'fcm.target.missing',
      error: 'No target: enter a registration token, a topic or a condition.',
    };
  }
  if (inPayload.length > 1) {
    return {
      ok: false,
      code: 'fcm.target.multiple',
      error: `The payload names ${inPayload.join(' and ')}; FCM needs exactly one target.`,
    };
  }
  const field = inPayload[0] === 'fid' ? 'token' : (inPayload[0] as FcmTarget['field']);
  return {
    ok: true,
    message: parsed.message,
    target: { field, value: String(parsed.message[inPayload[0]!]) },
    validateOnly,
  };
}

/** Bytes FCM counts against the limit: the message's keys and values, without target and name. */
export function fcmMessageSize(message: Record<string, unknown>): number {
  const { token: _t, topic: _p, condition: _c, fid: _f, name: _n, ...content } = message;
  return utf8Length(JSON.stringify(content));
}

export const FCM_MAX_BYTES = 4096;
export const FCM_MAX_TOPIC_BYTES = 2048;

/** Topic and condition sends fan out, and FCM holds them to the smaller limit. */
export function fcmSizeLimit(target: FcmTarget): number {
  return target.field === 'token' ? FCM_MAX_BYTES : FCM_MAX_TOPIC_BYTES;
}
