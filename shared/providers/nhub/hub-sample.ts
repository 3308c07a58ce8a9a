import type { NhubRegistration } from '../../contract/nhub-registrations';
import { evaluateTagExpression, parseTagExpression } from './tag-expression';
import { fcmV1TemplateEnvelope } from './template';

/** Registrations read for the doctor after a send reached nobody: one page, the hub's largest. */
export const HUB_SAMPLE_REGISTRATIONS = 100;
/** Distinct tags kept of them, enough to recognise a misspelt one without filling the result. */
export const HUB_SAMPLE_TAGS = 20;
const UNWRAPPED_KEPT = 5;
/** Every installation's registrations carry one; listing them would crowd out the tags people chose. */
const INSTALLATION_TAG = /^\$InstallationId:/i;

/**
 * What the doctor keeps of the hub's registrations when a tag or broadcast send reached nobody:
 * counts, the tags, and the FcmV1 templates the send would have reached. Bounded, and without
 * handles or template bodies, so it can live in history with the result.
 */
export interface HubSample {
  /** Registrations read (at most HUB_SAMPLE_REGISTRATIONS). */
  read: number;
  /** The hub has more than were read: the counts are of the first page only. */
  more: boolean;
  /** Distinct tags of those read, sorted, at most HUB_SAMPLE_TAGS, without `$InstallationId:{…}`. */
  tags: string[];
  /** More distinct tags than were kept. */
  tagsTruncated: boolean;
  /** Registrations whose tags the expression matches (all of them for a broadcast). */
  tagMatches: number;
  /** Of those, how many the send's format reaches (template: template registrations; else that platform's native ones). */
  formatMatches: number;
  /** Of those reached: FcmV1 templates without a top-level `{"message": …}`, at most five. */
  unwrappedFcmV1: Array<{ registrationId: string; kind: string; keys: string[] | null }>;
}

/** The sample, or why it could not be read (a key without the Manage right, a timeout). */
export type HubSampleDetail = { sample: HubSample } | { unavailable: string };

/** Whether a send of this format reaches this registration, as the hub picks them. */
function formatReaches(format: string, registration: NhubRegistration): boolean {
  const template = registration.bodyTemplate !== null || registration.kind.endsWith('Template');
  return format === 'template' ? template : !template && registration.platform === format;
}

/**
 * Summarises a page of registrations for one send: `expression` is the tag expression sent
 * (null or empty: a broadcast), `format` its ServiceBusNotification-Format.
 */
export function summarizeHubSample(input: {
  registrations: readonly NhubRegistration[];
  more: boolean;
  expression: string | null;
  format: string;
}): HubSample {
  const text = input.expression?.trim() ?? '';
  const parsed = text ? parseTagExpression(text) : null;
  const matches = (tags: string[]) =>
    parsed === null ? true : parsed.ok ? evaluateTagExpression(parsed.ast, new Set(tags)) : false;
  const tags = new Set<string>();
  let tagMatches = 0;
  let formatMatches = 0;
  const unwrappedFcmV1: HubSample['unwrappedFcmV1'] = [];
  for (const registration of input.registrations.slice(0, HUB_SAMPLE_REGISTRATIONS)) {
    for (const tag of registration.tags) if (!INSTALLATION_TAG.test(tag)) tags.add(tag);
    if (!matches(registration.tags)) continue;
    tagMatches += 1;
    if (!formatReaches(input.format, registration)) continue;
    formatMatches += 1;
    if (registration.platform !== 'fcmv1' || registration.bodyTemplate === null) continue;
    const envelope = fcmV1TemplateEnvelope(registration.bodyTemplate);
    if (!envelope.wrapped && unwrappedFcmV1.length < UNWRAPPED_KEPT) {
      unwrappedFcmV1.push({
        registrationId: registration.registrationId,
        kind: registration.kind,
        keys: envelope.keys,
      });
    }
  }
  const sorted = [...tags].sort();
  return {
    read: Math.min(input.registrations.length, HUB_SAMPLE_REGISTRATIONS),
    more: input.more || input.registrations.length > HUB_SAMPLE_REGISTRATIONS,
    tags: sorted.slice(0, HUB_SAMPLE_TAGS),
    tagsTruncated: sorted.length > HUB_SAMPLE_TAGS,
    tagMatches,
    formatMatches,
    unwrappedFcmV1,
  };
}

/** The sample a result's details carry (history included), or null when it has none or it is malformed. */
export function hubSampleOf(details: Record<string, unknown> | undefined): HubSampleDetail | null {
  const value = details?.['hubSample'];
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (typeof record['unavailable'] === 'string') return { unavailable: record['unavailable'] };
  const sample = record['sample'] as HubSample | undefined;
  const valid =
    sample !== undefined &&
    typeof sample.read === 'number' &&
    typeof sample.tagMatches === 'number' &&
    typeof sample.formatMatches === 'number' &&
    Array.isArray(sample.tags) &&
    Array.isArray(sample.unwrappedFcmV1);
  return valid ? { sample } : null;
}
