import { describe, expect, it } from 'vitest';
import { FCM_REASONS, mapFcmResponse, parseRetryAfter } from '../../../../../../main/core/providers/fcm/results';

const fcmError = (code: number, status: string, errorCode?: string, extra: object[] = []) =>
  JSON.stringify({
    error: {
      code,
      message: `message for ${errorCode ?? status}`,
      status,
      details: [
        ...(errorCode ? [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] : []),
        ...extra,
      ],
    },
  });

describe('FCM result mapping', () => {
  it('keeps the message name as the message id', () => {
    const result = mapFcmResponse(200, [], JSON.stringify({ name: 'projects/p/messages/0:123%abc' }));
    expect(result).toMatchObject({
      outcome: 'accepted',
      status: 200,
      messageIds: { name: 'projects/p/messages/0:123%abc', messageId: '0:123%abc' },
      retryable: false,
      deviceStateChange: null,
    });
  });

  it('says when a dry run was validated', () => {
    const result = mapFcmResponse(200, [], JSON.stringify({ name: 'projects/p/messages/fake_message_id' }));
    expect(result.explanation).toContain('Dry run');
  });

  it.each([
    [400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', false],
    [404, 'NOT_FOUND', 'UNREGISTERED', false],
    [403, 'PERMISSION_DENIED', 'SENDER_ID_MISMATCH', false],
    [429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', true],
    [503, 'UNAVAILABLE', 'UNAVAILABLE', true],
    [500, 'INTERNAL', 'INTERNAL', true],
    [401, 'UNAUTHENTICATED', 'THIRD_PARTY_AUTH_ERROR', false],
    [400, 'INVALID_ARGUMENT', 'UNSPECIFIED_ERROR', false],
  ])('maps %i %s / %s with an explanation and hint', (status, rpcStatus, errorCode, retryable) => {
    const result = mapFcmResponse(status, [['retry-after', '7']], fcmError(status, rpcStatus, errorCode));
    expect(result.outcome).toBe('rejected');
    expect(result.status).toBe(status);
    expect(result.reason).toBe(errorCode);
    expect(result.explanation).toContain(FCM_REASONS[errorCode]!.explanation);
    expect(result.hint).toBe(FCM_REASONS[errorCode]!.hint);
    expect(result.retryable).toBe(retryable);
    expect(result.retryAfterSeconds).toBe(retryable ? 7 : null);
    expect(result.deviceStateChange?.state ?? null).toBe(errorCode === 'UNREGISTERED' ? 'gone' : null);
  });

  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'PERMISSION_DENIED'],
    [404, 'NOT_FOUND'],
  ])('falls back to error.status %s when there is no FcmError', (status, rpcStatus) => {
    const result = mapFcmResponse(status, [], fcmError(status, rpcStatus));
    expect(result.reason).toBe(rpcStatus);
    expect(result.explanation).toContain(FCM_REASONS[rpcStatus]!.explanation);
    expect(result.deviceStateChange).toBeNull();
  });

  it('shows INVALID_ARGUMENT field violations', () => {
    const result = mapFcmResponse(
      400,
      [],
      fcmError(400, 'INVALID_ARGUMENT', undefined, [
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations: [
            {
              field: 'message.data[0].value',
              description: "Invalid value at 'message.data[0].value' (TYPE_STRING), 12",
            },
          ],
        },
      ]),
    );
    expect(result.reason).toBe('INVALID_ARGUMENT');
    expect(result.explanation).toContain(
      "message.data[0].value: Invalid value at 'message.data[0].value' (TYPE_STRING), 12",
    );
    expect(result.details?.['fieldViolations']).toHaveLength(1);
  });

  it('carries the APNs answer behind THIRD_PARTY_AUTH_ERROR and QuotaFailure details', () => {
    const apns = mapFcmResponse(
      401,
      [],
      fcmError(401, 'UNAUTHENTICATED', 'THIRD_PARTY_AUTH_ERROR', [
        {
          '@type': 'type.googleapis.com/google.firebase.fcm.v1.ApnsError',
          statusCode: 403,
          reason: 'InvalidProviderToken',
        },
      ]),
    );
    expect(apns.explanation).toContain('APNs answered 403 InvalidProviderToken.');
    const quota = mapFcmResponse(
      429,
      [['Retry-After', '60']],
      fcmError(429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ subject: 'project' }] },
      ]),
    );
    expect(quota.retryAfterSeconds).toBe(60);
    expect(quota.details?.['quotaViolations']).toEqual([{ subject: 'project' }]);
  });

  it('handles bodies that are not JSON', () => {
    const result = mapFcmResponse(502, [], '<html>Bad Gateway</html>');
    expect(result).toMatchObject({ outcome: 'rejected', reason: 'HTTP 502', retryable: true });
    expect(result.explanation).toBe('FCM answered HTTP 502 without an error body.');
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(
      parseRetryAfter(new Date(Date.parse('2030-01-01T00:01:00Z')).toUTCString(), Date.parse('2030-01-01T00:00:00Z')),
    ).toBe(60);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
