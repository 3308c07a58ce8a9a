import type { FcmTargetKind } from './message';

export type FcmTargetField = 'token' | 'topic' | 'condition';
export const FCM_TARGET_FIELDS: readonly string[] = ['token', 'topic', 'condition', 'fid'];

/** The admin SDK's topic rule (after any `/topics/` prefix is removed). */
export const FCM_TOPIC_PATTERN = /^[a-zA-Z0-9\-_.~%]+$/;

export interface FcmTarget {
  field: FcmTargetField;
  value: string;
}

/**
 * Turns the target text into the message field that carries it. Topics lose their `/topics/`
 * prefix, as the admin SDK does, because FCM v1 rejects it. Null when the text is empty.
 */
export function resolveFcmTarget(text: string, kind: FcmTargetKind = 'auto'): FcmTarget | null {
  const value = text.trim();
  if (!value) return null;
  const field = kind === 'auto' ? guessField(value) : kind;
  return field === 'topic' ? { field, value: value.replace(/^\/?topics\//, '') } : { field, value };
}

function guessField(value: string): FcmTargetField {
  if (/^\/?topics\//.test(value)) return 'topic';
  if (/\bin\s+topics\b/.test(value)) return 'condition';
  return 'token';
}

/** Short text naming a target in lists and exchanges, never a whole token. */
export function describeFcmTarget(target: FcmTarget): string {
  if (target.field !== 'token') return `${target.field}: ${target.value}`;
  return target.value.length > 16 ? `${target.value.slice(0, 12)}…` : target.value;
}
