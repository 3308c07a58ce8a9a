import { AppError } from '../../../../shared/errors';
import { parseErrorBody } from './outcome';

/** What a management call was about, for its error sentences. */
export interface ManagementSubject {
  /** "list registrations", "read installation", … */
  action: string;
  /** `installation "x"`, `registration "y"`; none for a list. */
  what?: { noun: 'installation' | 'registration'; id: string };
  hubName: string;
  keyName: string;
}

/** The Detail without the hub's `TrackingId:…,TimeStamp:…` tail, which says nothing to a person. */
function shortDetail(body: string): string | null {
  const { detail } = parseErrorBody(body);
  if (!detail) return null;
  const trimmed = detail.replace(/\s*TrackingId:.*$/s, '').trim();
  return trimmed.length > 300 ? `${trimmed.slice(0, 297)}...` : trimmed || null;
}

/**
 * A hub's refusal of a registration or installation call as a sentence and what to do. The
 * statuses are the REST pages' (401 authorization, 403 quota, 404 not found, 412 ETag, 429
 * throttled); the hub's own Detail is kept after ours when it adds something.
 */
export function managementError(
  status: number,
  body: string,
  subject: ManagementSubject,
  retryAfter?: string,
): AppError {
  const detail = shortDetail(body);
  const said = detail ? ` The hub said: ${detail}` : '';
  switch (status) {
    case 401:
      return new AppError(
        'FORBIDDEN',
        `This key ("${subject.keyName}") has no Listen/Manage right to ${subject.action} on hub "${subject.hubName}", or the hub refused it.${said}`,
        'Reading and changing registrations needs a policy with Manage (DefaultFullSharedAccessSignature); check that the connection string is current.',
      );
    case 403:
      return new AppError(
        'FORBIDDEN',
        `The hub refused to ${subject.action}: its quota for registration operations is used up.${said}`,
        'Wait a minute and try again, or move the hub to a higher tier.',
      );
    case 404:
      if (subject.what) {
        const { noun, id } = subject.what;
        return new AppError(
          'NOT_FOUND',
          `No ${noun} named "${id}" in hub "${subject.hubName}".`,
          `It may have been deleted or may have expired; list the registrations again.`,
        );
      }
      return new AppError(
        'NOT_FOUND',
        `The hub "${subject.hubName}" was not found in this namespace.${said}`,
        "Check the hub name you gave with the connection string (the Notification Hub's name, not the namespace's).",
      );
    case 409:
    case 412:
      return new AppError(
        'CONFLICT',
        `The ${subject.what?.noun ?? 'registration'} changed on the hub while you edited it.${said}`,
        'Load it again and repeat the change.',
      );
    case 429:
      return new AppError(
        'THROTTLED',
        `The hub is throttling registration calls${retryAfter ? `; it asks to wait ${retryAfter} s` : ''}.${said}`,
        'Wait and try again.',
      );
    case 400:
      return new AppError(
        'INVALID_INPUT',
        `The hub refused the request to ${subject.action} as malformed.${said}`,
        'Check the fields against the hub’s rules: tags use letters, digits and _ @ # . : -, at most 120 characters.',
      );
    default:
      return new AppError(
        status >= 500 ? 'NETWORK' : 'INVALID_INPUT',
        `The hub answered ${status} to the request to ${subject.action}.${said}`,
        status >= 500 ? 'The service had a problem; try again in a moment.' : undefined,
      );
  }
}
