import { describe, expect, it } from 'vitest';
import { captureValue, checkAssertion, type Observation } from '../../../../shared/collections/assertions';
import { assertionSchema, type Assertion } from '../../../../shared/collections/schema';

/** An APNs answer refused as Unregistered, and the inbox of a send that delivered nothing. */
const refused: Observation = {
  provider: 'apns',
  outcome: 'rejected',
  status: 410,
  reason: 'Unregistered',
  durationMs: 42.4,
  messageIds: { 'apns-id': 'b1c2' },
  responseHeaders: [['apns-id', 'b1c2']],
  responseBody: '{"reason":"Unregistered","timestamp":1700000000000}',
  deliveries: { apns: [] },
};

const accepted: Observation = {
  ...refused,
  outcome: 'accepted',
  status: 200,
  reason: null,
  responseBody: '',
  deliveries: { apns: ['{"aps":{"alert":{"title":"Hi"}}}', '{"aps":{"alert":{"title":"Hello"}}}'] },
};

function message(assertion: Assertion, observation = refused): string {
  const parsed = assertionSchema.parse(assertion);
  const result = checkAssertion(parsed, observation);
  expect(result.ok, result.message).toBe(false);
  return result.message;
}

describe('assertions fail with a message a CI log can be read by', () => {
  it('outcome, status and reason name what came instead', () => {
    expect(message({ outcome: 'accepted' })).toBe('outcome: expected "accepted", got rejected (Unregistered)');
    expect(message({ status: 200 })).toBe('status: expected 200, got 410 (Unregistered)');
    expect(message({ reason: 'BadDeviceToken' })).toBe('reason: expected "BadDeviceToken", got "Unregistered"');
    expect(message({ reason: { matches: '^Bad' } })).toBe('reason: expected to match /^Bad/, got "Unregistered"');
    expect(message({ reason: 'Unregistered' }, accepted)).toBe('reason: expected "Unregistered", got none');
  });

  it('a response header: absent, different, or not matching', () => {
    expect(message({ header: 'apns-unique-id' })).toBe('header apns-unique-id: expected a value, got no such header');
    expect(message({ header: 'APNS-ID', equals: 'x' })).toBe('header APNS-ID: expected "x", got "b1c2"');
    expect(message({ header: 'apns-id', matches: '^[0-9]+$' })).toBe(
      'header apns-id: expected to match /^[0-9]+$/, got "b1c2"',
    );
  });

  it('a JSON path into the body: a different value, a missing path, no body at all', () => {
    expect(message({ json: '$.reason', equals: 'BadTopic' })).toBe('$.reason: expected "BadTopic", got "Unregistered"');
    expect(message({ json: '$.name' })).toBe('$.name: expected a value, got $.name is not in the response body');
    expect(message({ json: '$.name' }, accepted)).toBe('$.name: expected a value, got the response had no body');
  });

  it('duration, and what reached the inbox', () => {
    expect(message({ durationBelowMs: 10 })).toBe('duration: expected under 10 ms, took 42 ms');
    expect(message({ delivered: true })).toBe(
      "delivered: expected a delivery, but nothing arrived in the apns emulator's inbox",
    );
    expect(message({ delivered: { path: '$.aps.alert.title', equals: 'Bye' } }, accepted)).toBe(
      'delivered $.aps.alert.title: expected "Bye", got "Hi", "Hello"',
    );
    expect(message({ delivered: { path: '$.aps.badge' } }, accepted)).toBe(
      'delivered $.aps.badge: expected a delivery, but $.aps.badge is not in what arrived (2 deliveries)',
    );
    expect(message({ delivered: { inbox: 'fcm' } }, accepted)).toBe(
      "delivered (fcm inbox): expected a delivery, but the fcm emulator's inbox was not read",
    );
    const elsewhere = { ...accepted, deliveries: {}, inboxProblem: 'inboxes are read only with --env local' };
    expect(message({ delivered: true }, elsewhere)).toBe(
      'delivered: expected a delivery, but inboxes are read only with --env local',
    );
  });

  it('passes when the answer holds, any of a send’s deliveries counting', () => {
    const pass = (assertion: Assertion) => checkAssertion(assertionSchema.parse(assertion), accepted);
    expect(pass({ status: { matches: '^2' } })).toMatchObject({ ok: true, message: 'status: 200 (matches /^2/)' });
    expect(pass({ reason: null }).ok).toBe(true);
    expect(pass({ header: 'apns-id', equals: 'b1c2' }).ok).toBe(true);
    expect(pass({ delivered: { path: '$.aps.alert.title', equals: 'Hello' } }).ok).toBe(true);
    expect(pass({ durationBelowMs: 100 })).toMatchObject({ ok: true, message: 'duration: 42 ms, under 100 ms' });
  });
});

describe('captures', () => {
  it('take a header, a body value, a message id, a delivered value, the status', () => {
    expect(captureValue({ header: 'APNs-Id' }, refused)).toEqual({ value: 'b1c2' });
    expect(captureValue({ json: '$.timestamp' }, refused)).toEqual({ value: '1700000000000' });
    expect(captureValue({ messageId: 'apns-id' }, refused)).toEqual({ value: 'b1c2' });
    expect(captureValue({ delivered: '$.aps.alert' }, accepted)).toEqual({ value: '{"title":"Hi"}' });
    expect(captureValue({ status: true }, refused)).toEqual({ value: '410' });
  });

  it('say why a value could not be taken', () => {
    expect(captureValue({ header: 'location' }, refused)).toEqual({ problem: 'no location header in the response' });
    expect(captureValue({ messageId: 'name' }, refused)).toEqual({
      problem: 'no message id name (the result has: apns-id)',
    });
    expect(captureValue({ reason: true }, accepted)).toEqual({ problem: 'the answer gave no reason' });
  });
});
