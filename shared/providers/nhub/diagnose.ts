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
import { hubSampleOf, type HubSample, type HubSampleDetail } from './hub-sample';

interface Outcome {
  success: number;
  failure: number;
  results: unknown[];
}

function outcomeOf(input: DiagnosisInput): Outcome | null {
  const value = input.result.details?.['notificationOutcome'] as Outcome | undefined;
  return value && typeof value.success === 'number' ? value : null;
}

const SAMPLED = 'hub registrations' as const;

/** "tags in the hub: a, b, c", saying when the list or the read was cut short. */
function tagsEvidence(sample: HubSample): Evidence {
  const listed = sample.tags.length > 0 ? sample.tags.join(', ') : 'none';
  const cut = sample.tagsTruncated ? `, … (the first ${sample.tags.length}; there are more)` : '';
  const read = `${sample.read} registration${sample.read === 1 ? '' : 's'}`;
  const of = sample.more ? `in the first ${read}` : `in ${read}`;
  return { source: SAMPLED, name: 'tags', quote: `tags in the hub: ${listed}${cut} (${of})` };
}

function sampleEvidence(detail: HubSampleDetail | null, expression: string | null): Evidence[] {
  if (!detail) return [];
  if ('unavailable' in detail) return [{ source: SAMPLED, name: 'not read', quote: clip(detail.unavailable) }];
  const { sample } = detail;
  const sent = expression ? `"${expression}"` : 'a broadcast';
  return [
    tagsEvidence(sample),
    {
      source: SAMPLED,
      name: 'matching',
      quote: `${sample.tagMatches} of ${sample.read} match ${sent}; ${sample.formatMatches} of those take this format`,
    },
  ];
}

/** A test send that reached no registration: accepted, yet delivered to no one. */
function nothingMatched(input: DiagnosisInput, outcome: Outcome): Candidate[] {
  const exchange = sendExchange(input);
  const format = headerOf(exchange, 'request', 'ServiceBusNotification-Format') ?? '';
  const tags = headerEvidence(exchange, 'request', 'ServiceBusNotification-Tags');
  const body = exchange?.requestBody?.encoding === 'text' ? exchange.requestBody.data : (input.request?.payload ?? '');
  const parsed = objectOf(body);
  const fcmv1NoMessage = format === 'fcmv1' && (parsed === null || typeof parsed['message'] !== 'object');
  const detail = hubSampleOf(input.result.details);
  const sample = detail && 'sample' in detail ? detail.sample : null;
  const unwrapped = sample?.unwrappedFcmV1 ?? [];
  const counts: Evidence = {
    source: 'response body',
    name: 'NotificationOutcome',
    quote: `Success ${outcome.success}, Failure ${outcome.failure}, ${outcome.results.length} registrations`,
  };
  const formatEvidence = headerEvidence(exchange, 'request', 'ServiceBusNotification-Format');
  const hub = metadataText(input, 'hubName') ?? '<hub>';
  const sampled = sampleEvidence(detail, tags?.quote ?? null);
  const noTagMatch = sample !== null && sample.tagMatches === 0;
  const noFormatMatch = sample !== null && sample.tagMatches > 0 && sample.formatMatches === 0;
  const templateCandidate: Candidate =
    unwrapped.length > 0
      ? {
          id: 'nhub.no-match.fcmv1-template',
          title: 'An FcmV1 template without {"message": …}',
          weight: 4,
          likelihood: 'likely',
          evidence: [
            counts,
            ...unwrapped.map((r) => ({
              source: SAMPLED,
              name: r.kind,
              quote: `${r.registrationId}: ${r.keys ? `top-level keys ${r.keys.join(', ') || '(none)'}` : 'not a JSON object'}, no "message"`,
            })),
          ],
          fix: 'The hub hands FCM v1 only {"message": {…}}: a template without it reaches no device and counts as neither success nor failure. Wrap the template, e.g. {"message": {"notification": {"title": "$(title)"}, "data": {…}}}, and save the registration (or the installation’s template) again.',
        }
      : {
          id: 'nhub.no-match.fcmv1-template',
          title: 'An FCM v1 payload without {"message": …}',
          weight: fcmv1NoMessage ? 3 : 0,
          likelihood: fcmv1NoMessage ? 'likely' : 'possible',
          evidence: present(counts, formatEvidence, { source: 'request body', name: 'body', quote: clip(body, 120) }),
          fix: 'FCM v1 payloads and templates are wrapped: {"message": {"notification": {…}, "data": {…}}}. A legacy GCM body ({"notification": …, "data": …}) matches nothing; registrations with such a template must be made again as FcmV1 templates.',
        };
  return [
    templateCandidate,
    {
      id: 'nhub.no-match.tags',
      title: tags ? 'No registration matches the tag expression' : 'The hub has no registration for this format',
      weight: sample ? (noTagMatch ? 3 : 0) : 2,
      likelihood: sample && !noTagMatch ? 'possible' : 'likely',
      evidence: present(counts, tags, formatEvidence, ...sampled),
      fix: `Send to a tag a registration has, or register the device with it. The whole list: GET https://<namespace>/${hub}/registrations/?api-version=2015-01 with a key that has Manage (the Registrations view), or Azure portal → the hub → Registrations / Test Send.`,
    },
    {
      id: 'nhub.no-match.format',
      title: `No registration is for the ${format || 'chosen'} platform`,
      weight: noFormatMatch ? 3 : 1,
      likelihood: noFormatMatch ? 'likely' : 'possible',
      evidence: present(formatEvidence, ...(noFormatMatch ? sampled : [])),
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
