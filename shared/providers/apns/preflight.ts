import type { CredentialMeta } from '../../domain/credential';
import type { ApnsSendRequest } from './message';
import {
  APNS_ID_PATTERN,
  APNS_TOPIC_SUFFIX,
  apnsPayloadLimit,
  HEX_TOKEN_PATTERN,
  topicSuffix,
  type ApnsPushType,
} from './push-types';
import { jsonSyntaxIssue } from '../../preflight/json-issue';
import { formatBytes, type PreflightIssue } from '../../preflight/types';
import { utf8Length } from '../../text';
import type { LiveActivityContext, PreflightContext } from '../../live-activity/context';
import { liveActivityIssues } from './live-activity';
import { targetKindIssues } from './live-activity-targets';

type Credential = Pick<CredentialMeta, 'kind' | 'label' | 'metadata'> | null;

/**
 * APNs rules that can be checked without the network (protocols.md §1.4). Errors are the ones
 * APNs itself would answer with a 4xx; warnings are sends APNs accepts but that misbehave.
 */
export function preflightApns(
  request: ApnsSendRequest,
  credential: Credential = null,
  context: PreflightContext = {},
): PreflightIssue[] {
  const options = request.options;
  const pushType: ApnsPushType = options.pushType;
  return [
    ...checkCredential(request, credential, pushType),
    ...checkToken(request.target),
    ...checkHeaders(request, pushType),
    ...(pushType === 'liveactivity'
      ? // Live Activity rules read the target's history, so their answer is not the payload's alone.
        checkPayload(request.payload, pushType, options.priority, context.liveActivity)
      : payloadIssues(request.payload, pushType, options.priority)),
    ...targetKindIssues({
      pushType,
      payload: request.payload,
      broadcast: Boolean(options.channelId?.trim()),
      device: context.targetDevice ?? null,
    }),
  ];
}

// A bulk send checks the same payload for every target; parsing it once is enough. The issues
// are plain data and never mutated, so the last answer can be handed out again.
let lastPayload: { payload: string; pushType: ApnsPushType; priority: number | undefined; issues: PreflightIssue[] } = {
  payload: '',
  pushType: 'alert',
  priority: undefined,
  issues: [],
};

function payloadIssues(payload: string, pushType: ApnsPushType, priority: number | undefined): PreflightIssue[] {
  const last = lastPayload;
  if (last.payload === payload && last.pushType === pushType && last.priority === priority && payload !== '')
    return last.issues;
  const issues = checkPayload(payload, pushType, priority);
  lastPayload = { payload, pushType, priority, issues };
  return issues;
}

function error(code: string, message: string, path?: string): PreflightIssue {
  return path === undefined ? { severity: 'error', code, message } : { severity: 'error', code, message, path };
}

function checkToken(token: string): PreflightIssue[] {
  if (token.trim() === '') return [error('apns.token.missing', 'Enter a device token', 'target')];
  if (!HEX_TOKEN_PATTERN.test(token)) {
    return [
      error(
        'apns.token.not-hex',
        'Device token must be hexadecimal (0-9, a-f); remove spaces, < > and dashes',
        'target',
      ),
    ];
  }
  if (token.length % 2 !== 0) {
    return [
      error('apns.token.odd-length', `Device token has ${token.length} hex digits; it must be whole bytes`, 'target'),
    ];
  }
  return [];
}

function checkHeaders(request: ApnsSendRequest, pushType: ApnsPushType): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const { topic, collapseId, apnsId, priority, expiration } = request.options;
  if (topic && pushType !== 'mdm') {
    const suffix = topicSuffix(topic);
    const wanted = APNS_TOPIC_SUFFIX[pushType];
    if (suffix !== '' && suffix !== wanted) {
      issues.push(
        error(
          'apns.topic.suffix',
          `Topic ends in "${suffix}" but push type ${pushType} needs ${wanted ? `"${wanted}"` : 'the plain bundle id'}`,
          'options.topic',
        ),
      );
    } else if (suffix === '' && wanted !== '') {
      issues.push({
        severity: 'info',
        code: 'apns.topic.suffix-added',
        message: `"${wanted}" will be added to the topic for push type ${pushType}`,
        path: 'options.topic',
      });
    }
  }
  if (collapseId !== undefined) {
    const bytes = utf8Length(collapseId);
    if (bytes > 64) {
      issues.push(
        error(
          'apns.collapse-id.too-long',
          `Collapse id is ${formatBytes(bytes)} bytes; APNs allows 64`,
          'options.collapseId',
        ),
      );
    }
  }
  if (apnsId !== undefined && apnsId !== '' && !APNS_ID_PATTERN.test(apnsId)) {
    issues.push(
      error(
        'apns.apns-id.format',
        'apns-id must be a lower-case UUID like 123e4567-e89b-12d3-a456-4266554400a0',
        'options.apnsId',
      ),
    );
  }
  if (pushType === 'background' && priority !== 5) {
    issues.push({
      ...error(
        'apns.background.priority',
        `Background notifications must use priority 5; ${priority ?? 10} is an error`,
        'options.priority',
      ),
      fix: { label: 'Use priority 5', id: 'apns.priority-5' },
    });
  }
  if (expiration !== undefined && expiration !== 0 && expiration * 1000 < Date.now()) {
    issues.push({
      severity: 'warning',
      code: 'apns.expiration.past',
      message: 'Expiration is in the past; APNs will try once and not store the notification',
      path: 'options.expiration',
    });
  }
  return issues;
}

function checkPayload(
  payload: string,
  pushType: ApnsPushType,
  priority: number | undefined,
  context?: LiveActivityContext,
): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  const bytes = utf8Length(payload);
  const limit = apnsPayloadLimit(pushType);
  if (bytes === 0) return [error('apns.payload.empty', 'Payload is empty; APNs needs a JSON object', 'payload')];
  if (bytes > limit) {
    issues.push(
      error(
        'apns.payload.too-large',
        `Payload is ${formatBytes(bytes)} bytes; APNs allows ${formatBytes(limit)}${pushType === 'voip' ? ' for VoIP' : ''}`,
        'payload',
      ),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch (cause) {
    issues.push(
      jsonSyntaxIssue('apns.payload.json', 'Payload is not valid JSON', payload) ??
        error('apns.payload.json', `Payload is not valid JSON: ${(cause as Error).message}`, 'payload'),
    );
    return issues;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    issues.push(error('apns.payload.not-object', 'Payload must be a JSON object like {"aps": {…}}', 'payload'));
    return issues;
  }
  const aps = (parsed as Record<string, unknown>)['aps'];
  if (aps === undefined) {
    // MDM pushes carry {"mdm": "<magic>"} and no aps dictionary.
    if (pushType !== 'mdm') issues.push(error('apns.payload.no-aps', 'Payload has no "aps" dictionary', '/aps'));
    return issues;
  }
  if (typeof aps !== 'object' || aps === null || Array.isArray(aps)) {
    issues.push(error('apns.payload.aps-type', '"aps" must be a dictionary (JSON object)', '/aps'));
    return issues;
  }
  return [...issues, ...checkAps(aps as Record<string, unknown>, pushType, priority, context)];
}

function checkAps(
  aps: Record<string, unknown>,
  pushType: ApnsPushType,
  priority: number | undefined,
  context: LiveActivityContext | undefined,
): PreflightIssue[] {
  const issues: PreflightIssue[] = [];
  if (pushType === 'background') {
    if (aps['content-available'] !== 1) {
      issues.push(
        error(
          'apns.background.content-available',
          'Background notifications need "content-available": 1 in aps',
          '/aps/content-available',
        ),
      );
    }
    if (aps['alert'] !== undefined || aps['sound'] !== undefined || aps['badge'] !== undefined) {
      issues.push({
        severity: 'warning',
        code: 'apns.background.visible',
        message: 'A background notification with alert, sound or badge should use push type alert',
        path: '/aps',
      });
    }
  }
  if (pushType === 'alert' && aps['alert'] === undefined && aps['badge'] === undefined && aps['sound'] === undefined) {
    issues.push(error('apns.alert.missing', 'Push type alert needs an alert, badge or sound in aps', '/aps/alert'));
  }
  if (
    aps['alert'] !== undefined &&
    typeof aps['alert'] !== 'string' &&
    (typeof aps['alert'] !== 'object' || aps['alert'] === null)
  ) {
    issues.push(error('apns.alert.type', '"alert" must be a string or a dictionary', '/aps/alert'));
  }
  if (aps['badge'] !== undefined && !Number.isInteger(aps['badge'])) {
    issues.push(error('apns.badge.type', '"badge" must be a whole number (0 clears it)', '/aps/badge'));
  }
  if (pushType === 'liveactivity') issues.push(...liveActivityIssues(aps, priority, context));
  if (aps['content-available'] === 1 && pushType !== 'background' && priority === 10 && Object.keys(aps).length === 1) {
    issues.push({
      severity: 'warning',
      code: 'apns.silent.push-type',
      message: 'Only content-available is set: use push type background with priority 5',
      path: 'options.pushType',
    });
  }
  return issues;
}

function checkCredential(request: ApnsSendRequest, credential: Credential, pushType: ApnsPushType): PreflightIssue[] {
  if (!credential) return [];
  if (credential.kind !== 'apns-token' && credential.kind !== 'apns-certificate') {
    return [
      error(
        'apns.credential.kind',
        `"${credential.label}" is a ${credential.kind} credential; APNs needs a .p8 key or a push certificate`,
        'credential',
      ),
    ];
  }
  const issues: PreflightIssue[] = [];
  const topic = request.options.topic;
  if (credential.kind === 'apns-token') {
    if (!topic && pushType !== 'mdm') {
      issues.push(error('apns.topic.missing', 'Token auth needs a topic: enter the app’s bundle id', 'options.topic'));
    }
    return issues;
  }
  if (pushType === 'location') {
    issues.push(
      error(
        'apns.location.token-only',
        'Location pushes work with token auth only, not certificates',
        'options.pushType',
      ),
    );
  }
  const environment = credential.metadata['environment'];
  const env = request.environment;
  if (env !== 'local' && (environment === 'sandbox' || environment === 'production') && environment !== env) {
    issues.push(
      error(
        'apns.certificate.environment',
        `"${credential.label}" is a ${environment} certificate; it cannot send to ${env}`,
        'environment',
      ),
    );
  }
  const topics = Array.isArray(credential.metadata['topics']) ? (credential.metadata['topics'] as string[]) : [];
  const bundleId = typeof credential.metadata['bundleId'] === 'string' ? credential.metadata['bundleId'] : null;
  if (!topic && !bundleId && topics.length === 0) {
    issues.push(error('apns.topic.missing', 'The certificate names no bundle id; enter a topic', 'options.topic'));
  }
  return issues;
}
