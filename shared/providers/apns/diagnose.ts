import type { Evidence } from '../../domain/diagnosis';
import { apnsIdentity } from './identity';
import { APNS_TOPIC_SUFFIX, bundleIdOfTopic, topicSuffix } from './push-types';
import {
  claimEvidence,
  clockSkewSeconds,
  headerEvidence,
  headerOf,
  metadataText,
  present,
  ranked,
  sendExchange,
  jwtOf,
  type Candidate,
  type DiagnosisInput,
  type DiagnosisRules,
} from '../../doctor/input';

/** Apple accepts an `iat` up to about this far from its own clock; past it the token is refused. */
const CLOCK_SKEW_LIMIT_S = 60;
const TOKEN_MAX_AGE_S = 3600;
/** Apple's device tokens are 32 bytes, sent as 64 hex digits. */
const TOKEN_HEX_LENGTH = 64;
/** Key ids and team ids are ten upper-case letters and digits. */
const APPLE_ID = /^[A-Z0-9]{10}$/;

interface ApnsFacts {
  input: DiagnosisInput;
  reason: string;
  token: string;
  /** `:path`, `:authority`, the URL: where the token and host show in the recorded request. */
  path: Evidence;
  host: Evidence;
  topic: Evidence | null;
  pushType: Evidence | null;
  claims: Record<string, unknown> | null;
  kid: unknown;
  iss: unknown;
  iat: unknown;
  skew: number | null;
}

function facts(input: DiagnosisInput): ApnsFacts {
  const exchange = sendExchange(input);
  const url = exchange ? new URL(exchange.url) : null;
  const rawPath = headerOf(exchange, 'request', ':path') ?? url?.pathname ?? `/3/device/${input.result.target}`;
  const token = decodeURIComponent(rawPath.replace(/^\/3\/device\//, '')) || input.result.target;
  const jwt = jwtOf(exchange);
  const noted = (exchange?.notes?.['jwt'] ?? null) as Record<string, unknown> | null;
  const claims = jwt ? { ...jwt.header, ...jwt.claims } : noted;
  return {
    input,
    reason: input.result.reason ?? '',
    token,
    path: { source: 'request', name: ':path', quote: rawPath },
    host: {
      source: 'request',
      name: ':authority',
      quote: headerOf(exchange, 'request', ':authority') ?? url?.host ?? '(not recorded)',
    },
    topic: headerEvidence(exchange, 'request', 'apns-topic'),
    pushType: headerEvidence(exchange, 'request', 'apns-push-type'),
    claims,
    kid: claims?.['kid'],
    iss: claims?.['iss'],
    iat: claims?.['iat'],
    skew: clockSkewSeconds(claims?.['iat'], exchange),
  };
}

function reasonEvidence(f: ApnsFacts): Evidence {
  return { source: 'response body', name: 'reason', quote: f.reason };
}

function environmentEvidence(f: ApnsFacts): Evidence | null {
  const environment = f.input.request?.environment;
  return environment ? { source: 'request', name: 'environment', quote: environment } : null;
}

function dateEvidence(f: ApnsFacts): Evidence | null {
  return headerEvidence(sendExchange(f.input), 'response', 'date');
}

function skewEvidence(f: ApnsFacts): Evidence | null {
  if (f.skew === null) return null;
  const ahead = f.skew >= 0 ? 'ahead of' : 'behind';
  return {
    source: 'clock',
    name: 'iat − Date',
    quote: `${f.skew} s: this computer's clock is ${Math.abs(f.skew)} s ${ahead} Apple's`,
  };
}

function badDeviceToken(f: ApnsFacts): Candidate[] {
  // The identity's own shape rule (hex, whole bytes, 32 bytes or more): a token it accepts is never
  // called malformed, so a well-formed token's diagnosis does not offer a cause its evidence refutes.
  const problem = apnsIdentity.targetProblem(f.token);
  const malformed = problem !== null;
  const shape: Evidence = {
    source: 'request',
    name: 'device token',
    quote: `${f.token.length} characters${/^[0-9a-fA-F]*$/.test(f.token) ? ', hex' : ', not all hex'}`,
  };
  const local = f.input.request?.environment === 'local';
  const candidates: Candidate[] = [
    {
      id: 'apns.bad-device-token.malformed',
      title: 'The device token is malformed',
      weight: 3,
      likelihood: 'likely',
      evidence: present(reasonEvidence(f), f.path, shape),
      fix: `${problem ?? ''} Today's tokens are ${TOKEN_HEX_LENGTH} hex digits (32 bytes): copy it again from the app's didRegisterForRemoteNotificationsWithDeviceToken, as hex, without spaces or angle brackets.`,
    },
    {
      id: 'apns.bad-device-token.environment',
      title: local
        ? 'The token is not one the local emulator has for its sandbox host'
        : 'The token belongs to the other environment',
      weight: malformed ? 1 : 2,
      likelihood: malformed ? 'possible' : 'likely',
      evidence: present(reasonEvidence(f), environmentEvidence(f), f.host, shape),
      fix: local
        ? 'The local environment is the emulator’s sandbox host: register the token there for sandbox (Emulators → APNs), or add an emulated device.'
        : 'Debug builds from Xcode get sandbox tokens; TestFlight and App Store builds get production ones. Send to the other environment (api.sandbox.push.apple.com vs api.push.apple.com).',
    },
    {
      id: 'apns.bad-device-token.other-app',
      title: 'The token was issued to an app of another team',
      weight: 0,
      likelihood: 'possible',
      evidence: present(f.topic, f.iss === undefined ? null : claimEvidence('iss', f.iss)),
      fix: 'The token must come from an app signed by the same team as the key or certificate; check the app’s bundle id and team in Xcode.',
    },
  ];
  return malformed ? candidates : candidates.filter((c) => c.id !== 'apns.bad-device-token.malformed');
}

/** Push types whose tokens are not the app's own (PushKit's, a Live Activity's): their suffix names another token. */
const SEPARATE_TOKEN_TYPES = new Set(['voip', 'complication', 'fileprovider', 'pushtotalk', 'liveactivity']);

function notForTopic(f: ApnsFacts): Candidate[] {
  const topic = f.topic?.quote ?? String(f.input.request?.options['topic'] ?? '');
  const topicEvidence: Evidence | null = f.topic ?? (topic ? { source: 'request', name: 'topic', quote: topic } : null);
  const pushType = f.pushType?.quote ?? String(f.input.request?.options['pushType'] ?? 'alert');
  const pushTypeEvidence: Evidence = f.pushType ?? { source: 'request', name: 'push type', quote: pushType };
  const wanted = (APNS_TOPIC_SUFFIX as Record<string, string | undefined>)[pushType] ?? '';
  const carried = topicSuffix(topic);
  const wrongSuffix = pushType !== 'mdm' && carried !== wanted;
  const bundle = metadataText(f.input, 'bundleId');
  const certTopic: Evidence | null = bundle ? { source: 'credential', name: 'bundleId', quote: bundle } : null;
  // Topic and push type agree on a PushKit or Live Activity suffix: the token may be the app's own.
  const separateToken = !wrongSuffix && SEPARATE_TOKEN_TYPES.has(pushType);
  return [
    {
      id: 'apns.not-for-topic.suffix',
      title:
        wanted === ''
          ? `The topic has a ${carried || 'push type'} suffix a ${pushType} push does not take`
          : carried
            ? `The topic has the ${carried} suffix, not ${wanted}, for a ${pushType} push`
            : `The topic lacks the ${wanted} suffix for a ${pushType} push`,
      weight: wrongSuffix ? 3 : 0,
      likelihood: wrongSuffix ? 'likely' : 'possible',
      evidence: present(topicEvidence, pushTypeEvidence),
      fix: `A ${pushType} push goes to "${bundleIdOfTopic(topic) || '<bundle id>'}${wanted}"${wanted ? '' : ', the bare bundle id'}: ${wanted ? 'add' : 'remove'} the suffix.`,
    },
    {
      id: 'apns.not-for-topic.token-kind',
      title: `The token is the app’s own, not the ${pushType} token for ${topic || 'this topic'}`,
      weight: separateToken ? 2.5 : 0,
      likelihood: separateToken ? 'likely' : 'possible',
      evidence: present(reasonEvidence(f), topicEvidence, pushTypeEvidence),
      fix:
        pushType === 'liveactivity'
          ? 'Send to the Live Activity’s push token (Activity.pushTokenUpdates, or pushToStartTokenUpdates to start one), not the app’s device token.'
          : 'PushKit gives its own token (PKPushRegistry didUpdate pushCredentials): send this push type to that token, and alerts to the app’s device token.',
    },
    {
      id: 'apns.not-for-topic.other-app',
      title: 'The token belongs to a different app than apns-topic',
      weight: 2,
      likelihood: wrongSuffix || separateToken ? 'possible' : 'likely',
      evidence: present(reasonEvidence(f), topicEvidence, certTopic),
      fix: 'Set the topic to the bundle id of the app that registered this token (the token is per app); if it is an app extension’s or another flavour’s (a .dev bundle id), use that one.',
    },
  ];
}

function invalidProviderToken(f: ApnsFacts): Candidate[] {
  const skewed = f.skew !== null && f.skew > CLOCK_SKEW_LIMIT_S;
  const badShape =
    (typeof f.kid === 'string' && !APPLE_ID.test(f.kid)) || (typeof f.iss === 'string' && !APPLE_ID.test(f.iss));
  // The same key id and team id were accepted earlier: they match; the key itself went away.
  const workedBefore = f.input.credential?.lastAcceptedAt ?? null;
  const ids = present(
    f.kid === undefined ? null : claimEvidence('kid', f.kid),
    f.iss === undefined ? null : claimEvidence('iss', f.iss),
  );
  return [
    {
      id: 'apns.invalid-provider-token.clock',
      title: 'This computer’s clock is ahead: the token’s iat is in Apple’s future',
      weight: skewed ? 4 : 0,
      likelihood: skewed ? 'likely' : 'possible',
      evidence: present(f.iat === undefined ? null : claimEvidence('iat', f.iat), dateEvidence(f), skewEvidence(f)),
      fix: 'Set the system clock from the network (NTP); the next send signs a new token.',
    },
    {
      id: 'apns.invalid-provider-token.ids',
      title: 'The Key ID or Team ID does not match the key',
      weight: badShape ? 3 : 2,
      likelihood: badShape || !(skewed || workedBefore) ? 'likely' : 'possible',
      evidence: ids,
      fix: 'The Key ID is on the key’s page in Certificates, Identifiers & Profiles → Keys (also in AuthKey_<KEYID>.p8); the Team ID is under Membership. Re-import the key with both.',
    },
    {
      id: 'apns.invalid-provider-token.revoked',
      title: 'The key was revoked',
      weight: workedBefore ? 3.5 : 1,
      likelihood: workedBefore ? 'likely' : 'possible',
      evidence: present(
        f.kid === undefined ? null : claimEvidence('kid', f.kid),
        workedBefore ? { source: 'history', name: 'last accepted send with this key', quote: workedBefore } : null,
      ),
      fix: 'Check Keys in the developer portal: a revoked key is gone for good; create a new APNs key and import it.',
    },
  ];
}

function expiredProviderToken(f: ApnsFacts): Candidate[] {
  const age = f.skew === null ? null : -f.skew;
  const stale = age !== null && age > TOKEN_MAX_AGE_S;
  return [
    {
      id: 'apns.expired-provider-token.clock',
      title: 'The token is over an hour old by Apple’s clock',
      weight: 2,
      likelihood: 'likely',
      evidence: present(f.iat === undefined ? null : claimEvidence('iat', f.iat), dateEvidence(f), skewEvidence(f)),
      fix: stale
        ? 'This computer’s clock is behind Apple’s by more than the token’s hour: set it from the network (NTP). The next send signs a new token.'
        : 'A new token is signed on the next send; if it repeats, check the system clock and that tokens are not kept longer than an hour elsewhere.',
    },
  ];
}

function tooManyTokenUpdates(f: ApnsFacts): Candidate[] {
  return [
    {
      id: 'apns.too-many-token-updates',
      title: 'A new provider token was used on this connection within 20 minutes of the last',
      weight: 2,
      likelihood: 'likely',
      evidence: present(
        reasonEvidence(f),
        f.iat === undefined ? null : claimEvidence('iat', f.iat),
        f.kid === undefined ? null : claimEvidence('kid', f.kid),
      ),
      fix: 'Reuse one token per key for 20 to 60 minutes, not one per request: a second sender (another process, or the same key imported twice) minting its own tokens over the same connection does this. Wait 20 minutes or send from one place.',
    },
  ];
}

const RULES: Record<string, (f: ApnsFacts) => Candidate[]> = {
  BadDeviceToken: badDeviceToken,
  DeviceTokenNotForTopic: notForTopic,
  InvalidProviderToken: invalidProviderToken,
  ExpiredProviderToken: expiredProviderToken,
  TooManyProviderTokenUpdates: tooManyTokenUpdates,
};

/** APNs' reasons that have several causes, ranked from the recorded request and answer. */
export const diagnoseApns: DiagnosisRules = (input) => {
  const rule = RULES[input.result.reason ?? ''];
  return rule ? ranked(rule(facts(input))) : null;
};
