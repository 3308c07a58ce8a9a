import { PROVIDER_IDENTITIES, PROVIDER_IDS, PROVIDER_LABELS, type Provider } from './ids';
import type { TargetDetector } from './identity';

type Identities = typeof PROVIDER_IDENTITIES;
export type TargetKind = { [P in Provider]: keyof Identities[P]['detector']['kinds'] }[Provider] | 'empty' | 'unknown';

export interface TargetGuess {
  kind: TargetKind;
  /** The provider this kind of target belongs to, when there is exactly one. */
  provider: Provider | null;
  label: string;
}

const EMPTY: TargetGuess = { kind: 'empty', provider: null, label: 'Nothing yet' };
const UNKNOWN: TargetGuess = { kind: 'unknown', provider: null, label: 'Not recognized' };

/**
 * Recognizes what was pasted into the target field, so a token for the wrong provider is
 * flagged before a send rather than after a rejection. A JSON object or a URL is only ever
 * a provider whose targets look like that; other text is tried against each provider. A loose
 * kind (NH tag expressions match any word) answers only when no strict one did, so the answer
 * does not depend on the order of the ids. Typed on one provider's tab (`on`), that provider's
 * own kinds answer first, and another's loose kind never does: a bare word on the FCM tab is not a
 * Notification Hubs tag expression.
 */
export function detectTarget(text: string, on?: Provider): TargetGuess {
  const value = text.trim();
  if (!value) return EMPTY;
  const shape = value.startsWith('{') ? 'json' : /^https?:\/\//i.test(value) ? 'url' : 'text';
  let loose: TargetGuess | null = null;
  for (const provider of on ? [on, ...PROVIDER_IDS.filter((p) => p !== on)] : PROVIDER_IDS) {
    const detector: TargetDetector = PROVIDER_IDENTITIES[provider].detector;
    if (detector.shape !== shape) continue;
    const kind = detector.detect(value);
    if (!kind) continue;
    const guess: TargetGuess = { kind: kind as TargetKind, provider, label: detector.kinds[kind]! };
    if (!detector.loose?.includes(kind) || provider === on) return guess;
    if (!on) loose ??= guess;
  }
  return loose ?? UNKNOWN;
}

/** A sentence when the target plainly belongs to another provider; null when it fits or is unclear. */
export function targetMismatch(provider: Provider, text: string): string | null {
  const found = detectTarget(text);
  if (found.provider === null || found.provider === provider) return null;
  const detector: TargetDetector = PROVIDER_IDENTITIES[found.provider].detector;
  if (detector.loose?.includes(found.kind)) return null;
  const article = /^[AEFIOU]/.test(found.label) ? 'an' : 'a';
  return `This looks like ${article} ${found.label}, not a target for ${PROVIDER_LABELS[provider]}.`;
}
