import { describe, expect, it } from 'vitest';
import { parseNotificationOutcome } from '../../../../../../main/core/providers/nhub/outcome';
import { NHUB_REASONS } from '../../../../../../main/core/providers/nhub/reasons';
import { mapNhubResponse, notificationIdFromLocation } from '../../../../../../main/core/providers/nhub/results';

const errorBody = (code: number, detail: string) =>
  `<Error><Code>${code}</Code><Detail>${detail} TrackingId:abc,TimeStamp:2026-01-01T00:00:00Z</Detail></Error>`;

describe('test-send outcome parsing', () => {
  it('reads counts and per-registration results, with or without prefixes', () => {
    const xml = `<NotificationOutcome xmlns:i="http://www.w3.org/2001/XMLSchema-instance"
      xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect">
      <Success>1</Success><Failure>1</Failure>
      <Results>
        <RegistrationResult><ApplicationPlatform>apple</ApplicationPlatform>
          <PnsHandle>00FC13</PnsHandle><RegistrationId>8495-3</RegistrationId>
          <Outcome>The Push Notification System handle for the registration is invalid</Outcome></RegistrationResult>
        <a:RegistrationResult><a:ApplicationPlatform>windows</a:ApplicationPlatform><a:PnsHandle>https://wns/x?a=1&amp;b=2</a:PnsHandle><a:RegistrationId>77-1</a:RegistrationId><a:Outcome>The Notification was successfully sent to the Push Notification System</a:Outcome></a:RegistrationResult>
      </Results></NotificationOutcome>`;
    expect(parseNotificationOutcome(xml)).toEqual({
      success: 1,
      failure: 1,
      results: [
        {
          platform: 'apple',
          pnsHandle: '00FC13',
          registrationId: '8495-3',
          outcome: 'The Push Notification System handle for the registration is invalid',
        },
        {
          platform: 'windows',
          pnsHandle: 'https://wns/x?a=1&b=2',
          registrationId: '77-1',
          outcome: 'The Notification was successfully sent to the Push Notification System',
        },
      ],
    });
  });

  it('treats <Results /> and i:nil results as none, and other XML as no outcome', () => {
    const nil =
      '<NotificationOutcome xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:i="https://www.w3.org/2001/XMLSchema-instance"><Success>0</Success><Failure>0</Failure><Results i:nil="true"/></NotificationOutcome>';
    expect(parseNotificationOutcome(nil)).toEqual({ success: 0, failure: 0, results: [] });
    expect(
      parseNotificationOutcome(
        '<NotificationOutcome><Success>0</Success><Failure>0</Failure><Results /></NotificationOutcome>',
      )?.results,
    ).toEqual([]);
    expect(parseNotificationOutcome('<Error/>')).toBeNull();
  });
});

describe('Notification Hubs result mapping', () => {
  it('keeps Location, TrackingId and the notification id on 201 and 200', () => {
    for (const status of [201, 200]) {
      const mapped = mapNhubResponse({
        status,
        headers: [
          ['Location', 'https://ns.servicebus.windows.net/hub/messages/abc123?api-version=2020-06'],
          ['TrackingId', 't-9'],
          ['x-ms-correlation-request-id', 'c-1'],
        ],
        body: '',
      });
      expect(mapped).toMatchObject({ outcome: 'accepted', status, reason: null, retryable: false });
      expect(mapped.messageIds).toEqual({
        Location: 'https://ns.servicebus.windows.net/hub/messages/abc123?api-version=2020-06',
        TrackingId: 't-9',
        'x-ms-correlation-request-id': 'c-1',
        notificationId: 'abc123',
      });
    }
    expect(notificationIdFromLocation('not a url')).toBeUndefined();
  });

  it('puts a test send outcome in details', () => {
    const xml = '<NotificationOutcome><Success>2</Success><Failure>0</Failure><Results /></NotificationOutcome>';
    const mapped = mapNhubResponse({ status: 201, headers: [], body: Buffer.from(xml) });
    expect(mapped.details).toEqual({ notificationOutcome: { success: 2, failure: 0, results: [] } });
    expect(mapped.explanation).toBe('Test send: 2 succeeded, 0 failed (no registration matched).');
  });

  it('marks the one registration of a test send gone when its handle was refused, and hints at failures', () => {
    const xml = (outcomes: string[]) =>
      `<NotificationOutcome><Success>0</Success><Failure>${outcomes.length}</Failure><Results>${outcomes
        .map(
          (o, i) =>
            `<RegistrationResult><ApplicationPlatform>apple</ApplicationPlatform><PnsHandle>h${i}</PnsHandle><RegistrationId>r${i}</RegistrationId><Outcome>${o}</Outcome></RegistrationResult>`,
        )
        .join('')}</Results></NotificationOutcome>`;
    const invalid = 'The Push Notification System handle for the registration is invalid';
    const one = mapNhubResponse({ status: 201, headers: [], body: xml([invalid]) });
    expect(one.deviceStateChange).toMatchObject({ state: 'gone', reason: invalid });
    expect(one.hint).toContain('1 registration(s) failed');
    const two = mapNhubResponse({ status: 201, headers: [], body: xml([invalid, invalid]) });
    expect(two.deviceStateChange).toBeNull();
    expect(two.hint).toContain('2 registration(s) failed');
    const ok = mapNhubResponse({
      status: 201,
      headers: [],
      body: '<NotificationOutcome><Success>1</Success><Failure>0</Failure><Results><RegistrationResult><Outcome>The Notification was successfully sent to the Push Notification System</Outcome></RegistrationResult></Results></NotificationOutcome>',
    });
    expect(ok).toMatchObject({ deviceStateChange: null, hint: null });
  });

  const cases: Array<[number, string, string, boolean]> = [
    [400, 'InvalidFormat: The ServiceBusNotification-Format is not valid.', 'InvalidFormat', false],
    [400, 'InvalidTags: "&" must be doubled', 'InvalidTags', false],
    [400, 'InvalidPayload: The apple payload is not valid JSON.', 'InvalidPayload', false],
    [400, 'InvalidContentType: nope', 'InvalidContentType', false],
    [400, 'InvalidAudience: The Token obtained from the Token Provider is wrong', 'InvalidAudience', false],
    [400, 'MissingDeviceHandle: none', 'MissingDeviceHandle', false],
    [400, 'Something unexpected', 'BadRequest', false],
    [401, 'MissingToken: The authorization header was not found.', 'MissingToken', false],
    [401, 'MalformedToken: bad', 'MalformedToken', false],
    [401, 'ExpiredToken: The token is expired.', 'ExpiredToken', true],
    [401, 'InvalidSignature: The token has an invalid signature.', 'InvalidSignature', false],
    [401, 'UnknownKeyName: no rule', 'UnknownKeyName', false],
    [401, 'InsufficientRights: Send claim required', 'InsufficientRights', false],
    [401, 'Generic failure', 'Unauthorized', false],
    [403, 'QuotaExceeded: quota', 'QuotaExceeded', true],
    [403, 'The message is too large', 'QuotaExceeded', true],
    [404, 'HubNotFound: no hub', 'HubNotFound', false],
    [404, 'no branch', 'HubNotFound', false],
    [408, 'timeout', 'Timeout', true],
    [413, 'PayloadTooLarge: too big', 'PayloadTooLarge', false],
    [413, 'Request entity too large', 'PayloadTooLarge', false],
    [429, 'Throttled: slow down', 'Throttled', true],
    [500, 'boom', 'InternalServerError', true],
    [502, 'bad gateway', 'InternalServerError', true],
    [503, 'busy', 'ServiceUnavailable', true],
    [504, 'gateway', 'GatewayTimeout', true],
  ];
  it.each(cases)('%i "%s" → %s', (status, detail, reason, retryable) => {
    const mapped = mapNhubResponse({ status, headers: [['Retry-After', '7']], body: errorBody(status, detail) });
    expect(mapped).toMatchObject({ outcome: 'rejected', status, reason, retryable, retryAfterSeconds: 7 });
    expect(mapped.explanation).toBeTruthy();
    expect(mapped.hint).toBeTruthy();
    expect((mapped.details as { detail: string }).detail).toContain(detail);
  });

  it('explains every reason word it knows', () => {
    for (const [word, info] of Object.entries(NHUB_REASONS)) {
      const mapped = mapNhubResponse({ status: 400, headers: [], body: errorBody(400, `${word}: x`) });
      expect(mapped.reason).toBe(word);
      expect(mapped.explanation).toBe(info.explanation);
      expect(mapped.hint).toBe(info.hint);
    }
  });

  it('explains the three SAS failures differently', () => {
    const texts = ['ExpiredToken', 'InvalidSignature', 'UnknownKeyName'].map(
      (word) => mapNhubResponse({ status: 401, headers: [], body: errorBody(401, `${word}: x`) }).explanation,
    );
    expect(new Set(texts).size).toBe(3);
    expect(texts[0]).toContain('expiry');
    expect(texts[1]).toContain('signature');
    expect(texts[2]).toContain('SharedAccessKeyName');
  });
});
