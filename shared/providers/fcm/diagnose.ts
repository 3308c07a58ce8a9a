import type { Evidence } from '../../domain/diagnosis';
import { fcmLiveActivityParts } from './live-activity';
import {
  clip,
  metadataText,
  objectOf,
  present,
  ranked,
  responseJson,
  sendExchange,
  type Candidate,
  type DiagnosisInput,
  type DiagnosisRules,
} from '../../doctor/input';

interface FcmFacts {
  input: DiagnosisInput;
  errorCode: Evidence | null;
  message: Evidence | null;
  details: Array<Record<string, unknown>>;
  /** The project in the send's URL: the one the service account sends for. */
  urlProject: Evidence | null;
  /** The message as sent (the recorded request body). */
  sent: Record<string, unknown> | null;
}

function facts(input: DiagnosisInput): FcmFacts {
  const exchange = sendExchange(input);
  const error = (responseJson(exchange)?.['error'] ?? null) as Record<string, unknown> | null;
  const details = Array.isArray(error?.['details']) ? (error['details'] as Array<Record<string, unknown>>) : [];
  const index = details.findIndex((d) => typeof d['errorCode'] === 'string');
  const project = exchange ? /\/projects\/([^/]+)\/messages/.exec(exchange.url)?.[1] : undefined;
  const body = exchange?.requestBody?.encoding === 'text' ? objectOf(exchange.requestBody.data) : null;
  return {
    input,
    errorCode:
      index >= 0
        ? {
            source: 'response body',
            name: `error.details[${index}].errorCode`,
            quote: String(details[index]!['errorCode']),
          }
        : null,
    message:
      typeof error?.['message'] === 'string'
        ? { source: 'response body', name: 'error.message', quote: clip(error['message']) }
        : null,
    details,
    urlProject: project ? { source: 'request', name: 'url project', quote: decodeURIComponent(project) } : null,
    sent: (body?.['message'] ?? null) as Record<string, unknown> | null,
  };
}

function tokenEvidence(f: FcmFacts): Evidence | null {
  const token = f.sent?.['token'];
  return typeof token === 'string' ? { source: 'request body', name: 'message.token', quote: clip(token, 40) } : null;
}

function senderIdMismatch(f: FcmFacts): Candidate[] {
  const credentialProject = metadataText(f.input, 'projectId');
  const email = metadataText(f.input, 'clientEmail');
  const emailProject = email ? /@([^.]+)\.iam\.gserviceaccount\.com$/.exec(email)?.[1] : undefined;
  const accountElsewhere =
    emailProject !== undefined && credentialProject !== null && emailProject !== credentialProject;
  return [
    {
      id: 'fcm.sender-id-mismatch.token-project',
      title: 'The token was registered with another Firebase project',
      weight: accountElsewhere ? 1 : 2,
      likelihood: 'likely',
      evidence: present(f.errorCode, f.urlProject, tokenEvidence(f)),
      fix: `The app got this token with the google-services.json / GoogleService-Info.plist of a different project than "${f.urlProject?.quote ?? credentialProject ?? 'this one'}". Send with a service account of the app's project (Project settings → Service accounts), or rebuild the app with this project's config and take a new token.`,
    },
    {
      id: 'fcm.sender-id-mismatch.account-project',
      title: 'The service account belongs to another project than the one it sends for',
      weight: accountElsewhere ? 2 : 0,
      likelihood: accountElsewhere ? 'likely' : 'possible',
      evidence: present(
        credentialProject ? { source: 'credential', name: 'project_id', quote: credentialProject } : null,
        email ? { source: 'credential', name: 'client_email', quote: email } : null,
      ),
      fix: 'Download a new key for the app’s project (Firebase console → Project settings → Service accounts → Generate new private key) and import it.',
    },
  ];
}

function thirdPartyAuth(f: FcmFacts): Candidate[] {
  const apns = f.details.find((d) => String(d['@type'] ?? '').endsWith('ApnsError'));
  const apnsEvidence: Evidence | null = apns
    ? { source: 'response body', name: 'ApnsError', quote: `${String(apns['statusCode'])} ${String(apns['reason'])}` }
    : null;
  const webBlock = f.sent?.['webpush'] !== undefined;
  // FCM names APNs' refusal in an ApnsError detail; a web push service's refusal comes without
  // one, so an answer with details and no ApnsError points at the web push certificate.
  const web = !apns && (webBlock || f.details.length > 0);
  const types = f.details.map((d) => String(d['@type'] ?? '').replace(/^.*\./, '')).join(', ');
  return [
    {
      id: 'fcm.third-party-auth.apns-key',
      title: 'Firebase has no valid APNs key or certificate for this iOS app',
      weight: apns ? 3 : web ? 1 : 2,
      likelihood: apns || !web ? 'likely' : 'possible',
      evidence: present(f.errorCode, apnsEvidence, tokenEvidence(f)),
      fix: 'For an iOS token FCM forwards to APNs with what is uploaded in Firebase console → Project settings → Cloud Messaging → Apple app configuration. Upload the .p8 APNs key (with its Key ID and Team ID) or an APNs certificate for this bundle id and environment; the service account itself is fine.',
    },
    {
      id: 'fcm.third-party-auth.web-push',
      title: 'The token is a web one and the Web Push certificate (VAPID key) in Firebase is missing or wrong',
      weight: web ? 2 : 0,
      likelihood: web ? 'likely' : 'possible',
      evidence: present(
        f.errorCode,
        web && !webBlock
          ? { source: 'response body', name: 'error.details @type', quote: `${types} (no ApnsError)` }
          : null,
        webBlock ? { source: 'request body', name: 'message.webpush', quote: 'present' } : null,
        tokenEvidence(f),
      ),
      fix: 'For a web token, check Firebase console → Project settings → Cloud Messaging → Web Push certificates: the key pair must exist and be the one the page passed to getToken({ vapidKey }); after changing it, take a new token in the browser.',
    },
  ];
}

/**
 * A message to a Live Activity (`apns.live_activity_token`) that APNs refused: the ApnsError is
 * about the activity's token, so the app's FCM token is not the one to delete or copy again.
 */
function liveActivityToken(f: FcmFacts): Candidate[] {
  const token = f.sent ? fcmLiveActivityParts(f.sent)?.token : undefined;
  const apns = f.details.find((d) => String(d['@type'] ?? '').endsWith('ApnsError'));
  if (typeof token !== 'string' || !apns) return [];
  const gone = apns['statusCode'] === 410;
  return [
    {
      id: gone ? 'fcm.unregistered.live-activity' : 'fcm.invalid-argument.live-activity-token',
      title: gone
        ? 'The Live Activity’s token is gone (the activity ended or its token changed), not the app’s FCM token'
        : 'APNs refused apns.live_activity_token, not the app’s FCM token',
      weight: 4,
      likelihood: 'likely',
      evidence: present(
        f.errorCode,
        {
          source: 'response body',
          name: 'ApnsError',
          quote: `${String(apns['statusCode'])} ${String(apns['reason'])}`,
        },
        { source: 'request body', name: 'message.apns.live_activity_token', quote: clip(token, 40) },
      ),
      fix: gone
        ? 'Keep the FCM token. Send to the activity’s current push token (ActivityKit’s pushTokenUpdates gives the app each new one), or start a new activity with the push-to-start token.'
        : 'Keep the FCM token. Put in apns.live_activity_token a token ActivityKit gave this app, as hex: the activity’s pushToken to update or end it, pushToStartToken to start one, from a build for the APNs environment of the key uploaded to Firebase.',
    },
  ];
}

function unregistered(f: FcmFacts): Candidate[] {
  const live = liveActivityToken(f);
  return [
    ...live,
    {
      id: 'fcm.unregistered',
      title: 'The token is no longer valid: safe to delete',
      weight: 2,
      likelihood: live.length ? 'possible' : 'likely',
      evidence: present(
        f.errorCode,
        { source: 'response header', name: ':status', quote: String(f.input.result.status) },
        tokenEvidence(f),
      ),
      fix: 'Delete this token from your database: the app was uninstalled or the token expired. The app registers a new one when it starts again.',
    },
  ];
}

function invalidArgument(f: FcmFacts): Candidate[] {
  const violations = f.details
    .filter((d) => Array.isArray(d['fieldViolations']))
    .flatMap((d) => d['fieldViolations'] as Array<Record<string, unknown>>);
  const candidates: Candidate[] = [];
  for (const [i, v] of violations.entries()) {
    const field = String(v['field'] ?? '');
    const description = String(v['description'] ?? '');
    const map = /^message\.((?:android\.|webpush\.)?data)\[(\d+)\]\.value$/.exec(field);
    const quote: Evidence = {
      source: 'response body',
      name: `fieldViolations[${i}]`,
      quote: clip(`${field}: ${description}`),
    };
    if (map) {
      const key = dataKeyAt(f.sent, map[1]!, Number(map[2]));
      const path = key === null ? field : `message.${map[1]}.${key}`;
      candidates.push({
        id: 'fcm.invalid-argument.data-not-string',
        title: `data must only contain string values: ${path} is not a string`,
        weight: 3,
        likelihood: 'likely',
        evidence: present(
          quote,
          key === null
            ? null
            : { source: 'request body', name: path, quote: clip(JSON.stringify(valueAt(f.sent, map[1]!, key))) },
        ),
        fix: `Send ${path} as a string ("${key === null ? '…' : String(valueAt(f.sent, map[1]!, key))}"), and parse it in the app; FCM's data map is strings only. The token is fine: do not delete it.`,
      });
    }
  }
  candidates.push(...liveActivityToken(f));
  const tokenBad = /registration token is not a valid/i.test(f.message?.quote ?? '');
  candidates.push({
    id: tokenBad ? 'fcm.invalid-argument.token-shape' : 'fcm.invalid-argument.request',
    title: tokenBad
      ? 'The token is not shaped like an FCM registration token'
      : 'A field of the message is wrong, not the token',
    weight: 1,
    likelihood: candidates.length ? 'possible' : 'likely',
    evidence: present(f.errorCode, f.message),
    fix: tokenBad
      ? 'Copy the whole token again (it is about 150 characters, with a colon); a cut or quoted token gives this.'
      : 'Fix the field the answer names and send again; unlike UNREGISTERED this says nothing about the token, so do not delete it.',
  });
  return candidates;
}

function dataKeyAt(sent: Record<string, unknown> | null, path: string, index: number): string | null {
  const map = path
    .split('.')
    .reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], sent);
  if (typeof map !== 'object' || map === null) return null;
  return Object.keys(map)[index] ?? null;
}

function valueAt(sent: Record<string, unknown> | null, path: string, key: string): unknown {
  const map = path
    .split('.')
    .reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], sent);
  return (map as Record<string, unknown>)[key];
}

const RULES: Record<string, (f: FcmFacts) => Candidate[]> = {
  SENDER_ID_MISMATCH: senderIdMismatch,
  THIRD_PARTY_AUTH_ERROR: thirdPartyAuth,
  UNREGISTERED: unregistered,
  INVALID_ARGUMENT: invalidArgument,
};

/** FCM's error codes with several causes, ranked from the recorded request and answer. */
export const diagnoseFcm: DiagnosisRules = (input) => {
  const rule = RULES[input.result.reason ?? ''];
  return rule ? ranked(rule(facts(input))) : null;
};
