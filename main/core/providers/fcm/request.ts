import type { FcmServiceAccountSecret } from '../../credentials/fcm-service-account';
import type { LocalEnvironment } from '../../local/local-env';
import type { TlsOptions, TransportRequest } from '../../transport/types';
import { AppError } from '../../../../shared/errors';
import { GOOGLE_TOKEN_URI } from './jwt';

export const FCM_BASE_URL = 'https://fcm.googleapis.com';

export interface FcmEndpoints {
  baseUrl: string;
  tokenUri: string;
  tls?: TlsOptions;
}

/** Google in production; the local emulator (trusting only its CA) in `local`. There is no FCM sandbox. */
export function fcmEndpoints(secret: FcmServiceAccountSecret, local: LocalEnvironment | null): FcmEndpoints {
  if (!local) return { baseUrl: FCM_BASE_URL, tokenUri: secret.tokenUri || GOOGLE_TOKEN_URI };
  if (!local.fcm) {
    throw new AppError(
      'LOCAL_NOT_RUNNING',
      'The local FCM emulator is not running.',
      'Start the emulators (push-console emulators start) with FCM included.',
    );
  }
  return { baseUrl: local.fcm.baseUrl.replace(/\/$/, ''), tokenUri: local.fcm.tokenUri, tls: { ca: local.ca } };
}

export function sendUrl(baseUrl: string, projectId: string): string {
  return `${baseUrl}/v1/projects/${encodeURIComponent(projectId)}/messages:send`;
}

/** The request body: snake_case as firebase-admin sends it; validate_only only when set. */
export function sendBody(message: Record<string, unknown>, validateOnly: boolean): string {
  return JSON.stringify(validateOnly ? { validate_only: true, message } : { message });
}

export function buildSendRequest(options: {
  endpoints: FcmEndpoints;
  projectId: string;
  accessToken: string;
  message: Record<string, unknown>;
  validateOnly: boolean;
  target: string;
  signal?: AbortSignal | undefined;
  record?: boolean | undefined;
}): TransportRequest {
  return {
    url: sendUrl(options.endpoints.baseUrl, options.projectId),
    method: 'POST',
    headers: [
      ['authorization', `Bearer ${options.accessToken}`],
      ['content-type', 'application/json; charset=utf-8'],
    ],
    body: sendBody(options.message, options.validateOnly),
    // FCM v1 speaks HTTP/2 (firebase-admin uses it for sendEach); one connection carries every send.
    http2: true,
    ...(options.endpoints.tls ? { tls: options.endpoints.tls } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    meta: {
      purpose: 'send',
      provider: 'fcm',
      target: options.target,
      notes: { project: options.projectId, validateOnly: options.validateOnly },
    },
    secrets: [options.accessToken],
    record: options.record,
  };
}
