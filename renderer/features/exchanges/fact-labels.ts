import { formatTime } from '../../../shared/time-format';

/**
 * Labels in words for the keys providers put in exchange notes and result details, and for JWT
 * fields (with the short name beside it, since that is what the spec and the wire call it).
 */
const LABELS: Record<string, string> = {
  alg: 'Algorithm (alg)',
  typ: 'Type (typ)',
  kid: 'Key id (kid)',
  iss: 'Issuer (iss)',
  iat: 'Issued at (iat)',
  exp: 'Expires (exp)',
  aud: 'Audience (aud)',
  sub: 'Subject (sub)',
  scope: 'Scope',
  topic: 'Topic',
  pushType: 'Push type',
  auth: 'Authentication',
  project: 'Firebase project',
  validateOnly: 'Validate only',
  assertionClaims: 'Assertion claims',
  clockSkewCorrectionMs: 'Clock skew correction (ms)',
  format: 'Format',
  test: 'Test send',
  type: 'Notification type',
  sas: 'Shared access signature',
  resource: 'Resource',
  keyName: 'Key name',
  expiresAt: 'Expires at',
  reused: 'Reused from the cache',
  pushService: 'Push service',
  ttl: 'TTL (seconds)',
  timestamp: 'Unregistered at',
  unknownReason: 'Reason unknown to Push Console',
  goaway: 'GOAWAY reason',
  stage: 'Failed at',
  detail: 'Detail',
  notificationOutcome: 'Notification Hubs outcome',
};

/** `clockSkewCorrectionMs` → `Clock skew correction ms` for keys without a label of their own. */
export function labelFor(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Seconds since the epoch as they appear in JWT claims, with the time they mean. */
export function describeValue(key: string, value: unknown): string {
  if ((key === 'iat' || key === 'exp') && typeof value === 'number')
    return `${value} (${formatTime(new Date(value * 1000).toISOString(), { date: true })})`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
