import type { Evidence } from '../../domain/diagnosis';
import {
  clip,
  headerEvidence,
  headerOf,
  metadataText,
  objectOf,
  present,
  ranked,
  sendExchange,
  type Candidate,
  type DiagnosisInput,
  type DiagnosisRules,
} from '../../doctor/input';

interface Outcome {
  success: number;
  failure: number;
  results: unknown[];
}

function outcomeOf(input: DiagnosisInput): Outcome | null {
  const value = input.result.details?.['notificationOutcome'] as Outcome | undefined;
  return value && typeof value.success === 'number' ? value : null;
}

/** A test send that reached no registration: accepted, yet delivered to no one. */
function nothingMatched(input: DiagnosisInput, outcome: Outcome): Candidate[] {
  const exchange = sendExchange(input);
  const format = headerOf(exchange, 'request', 'ServiceBusNotification-Format') ?? '';
  const tags = headerEvidence(exchange, 'request', 'ServiceBusNotification-Tags');
  const body = exchange?.requestBody?.encoding === 'text' ? exchange.requestBody.data : (input.request?.payload ?? '');
  const parsed = objectOf(body);
  const fcmv1NoMessage = format === 'fcmv1' && (parsed === null || typeof parsed['message'] !== 'object');
  const counts: Evidence = {
    source: 'response body',
    name: 'NotificationOutcome',
    quote: `Success ${outcome.success}, Failure ${outcome.failure}, ${outcome.results.length} registrations`,
  };
  const formatEvidence = headerEvidence(exchange, 'request', 'ServiceBusNotification-Format');
  const hub = metadataText(input, 'hubName') ?? '<hub>';
  return [
    {
      id: 'nhub.no-match.fcmv1-template',
      title: 'An FCM v1 payload without {"message": …}',
      weight: fcmv1NoMessage ? 3 : 0,
      likelihood: fcmv1NoMessage ? 'likely' : 'possible',
      evidence: present(counts, formatEvidence, { source: 'request body', name: 'body', quote: clip(body, 120) }),
      fix: 'FCM v1 payloads and templates are wrapped: {"message": {"notification": {…}, "data": {…}}}. A legacy GCM body ({"notification": …, "data": …}) matches nothing; registrations with such a template must be made again as FcmV1 templates.',
    },
    {
      id: 'nhub.no-match.tags',
      title: tags ? 'No registration matches the tag expression' : 'The hub has no registration for this format',
      weight: 2,
      likelihood: 'likely',
      evidence: present(counts, tags, formatEvidence),
      fix: `List the hub's registrations to see which tags exist (GET https://<namespace>/${hub}/registrations/?api-version=2015-01 with a Listen or Full key, or Azure portal → the hub → Registrations / Test Send), then send to a tag one has, or register the device with it.`,
    },
    {
      id: 'nhub.no-match.format',
      title: `No registration is for the ${format || 'chosen'} platform`,
      weight: 1,
      likelihood: 'possible',
      evidence: present(formatEvidence),
      fix: 'Registrations are per platform: a device registered as gcm (retired) or apple is not reached by fcmv1; register it again for the format you send.',
    },
  ];
}

function unauthorized(input: DiagnosisInput): Candidate[] {
  const exchange = sendExchange(input);
  const rights = metadataText(input, 'rights');
  const keyName = metadataText(input, 'keyName');
  const listenOnly = rights !== null && !/Send|Manage|Full/i.test(rights);
  const auth = headerOf(exchange, 'request', 'authorization') ?? '';
  const expiry = /[?&]se=(\d+)/.exec(auth)?.[1];
  const date = headerOf(exchange, 'response', 'date');
  const expired = expiry !== undefined && date !== undefined && Number(expiry) * 1000 < Date.parse(date);
  const detail = input.result.details?.['detail'];
  return [
    {
      id: 'nhub.unauthorized.rights',
      title: 'The key’s policy has no Send right',
      weight: listenOnly ? 3 : 1,
      likelihood: listenOnly ? 'likely' : 'possible',
      evidence: present(
        keyName ? { source: 'credential', name: 'SharedAccessKeyName', quote: keyName } : null,
        rights ? { source: 'credential', name: 'rights', quote: rights } : null,
        typeof detail === 'string' ? { source: 'response body', name: 'Detail', quote: clip(detail) } : null,
      ),
      fix: 'Sending needs a policy with Send (DefaultFullSharedAccessSignature, or your own with Send); DefaultListenSharedAccessSignature can only register devices.',
    },
    {
      id: 'nhub.unauthorized.expired',
      title: 'The SAS token had expired',
      weight: expired ? 2 : 0,
      likelihood: expired ? 'likely' : 'possible',
      evidence: present(
        expiry ? { source: 'request header', name: 'Authorization se', quote: expiry } : null,
        headerEvidence(exchange, 'response', 'date'),
      ),
      fix: 'Check the system clock; a new SAS token is made on the next send.',
    },
    {
      id: 'nhub.unauthorized.key',
      title: 'The key is not the hub’s current key',
      weight: listenOnly || expired ? 0 : 2,
      likelihood: listenOnly || expired ? 'possible' : 'likely',
      evidence: present(keyName ? { source: 'credential', name: 'SharedAccessKeyName', quote: keyName } : null),
      fix: 'A regenerated key invalidates the old connection string: copy it again from the hub’s Access Policies.',
    },
  ];
}

/** Notification Hubs: a test send that reached nobody, and 401 by the key's rights. */
export const diagnoseNhub: DiagnosisRules = (input) => {
  const outcome = outcomeOf(input);
  if (input.result.outcome === 'accepted') {
    return outcome && outcome.success === 0 && outcome.failure === 0 ? ranked(nothingMatched(input, outcome)) : null;
  }
  return input.result.status === 401 ? ranked(unauthorized(input)) : null;
};
