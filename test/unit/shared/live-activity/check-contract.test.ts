import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAgainstContract } from '../../../../shared/live-activity/check-contract';
import type { DateEncoding } from '../../../../shared/live-activity/date-encoding';
import { parseActivityAttributes } from '../../../../shared/live-activity/swift-attributes';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
/** 2026-12-04 12:30 UTC as a Swift Date by default (seconds since 2001). */
const ETA_2001 = NOW / 1000 + 1800 - 978_307_200;

const SOURCE = `
struct DeliveryAttributes: ActivityAttributes {
  enum Phase: String, Codable { case preparing, onTheWay = "on-the-way" }
  struct Stop: Codable, Hashable { var name: String; var done: Bool }
  struct ContentState: Codable, Hashable {
    var status: Phase
    var eta: Date
    var courier: String?
    var stops: [Stop]
    var count: UInt8
    var window: ClosedRange<Date>?
  }
  var orderId: String
  var placedAt: Date
}`;
const activity = parseActivityAttributes(SOURCE).activities[0]!;
const good = { status: 'on-the-way', eta: ETA_2001, stops: [{ name: 'Depot', done: true }], count: 3 };

const check = (value: unknown, dateEncoding: DateEncoding = 'deferredToDate') =>
  checkAgainstContract(value, activity.contentState, 'content-state', { dateEncoding, now: NOW });
const messages = (value: unknown, dateEncoding?: DateEncoding) => check(value, dateEncoding).map((f) => f.message);

describe('checkAgainstContract', () => {
  it('accepts a content-state that decodes, optionals missing or null', () => {
    expect(check(good)).toEqual([]);
    expect(check({ ...good, courier: null, window: null })).toEqual([]);
  });

  it('says a Date sent as a string is a number by default, and what that string would be', () => {
    expect(messages({ ...good, eta: '2026-12-04T12:30:00Z' })).toEqual([
      `content-state.eta: Date is encoded as a number by default; got a string; "2026-12-04T12:30:00Z" would be ${ETA_2001} (seconds since 2001-01-01)`,
    ]);
  });

  it('warns when a Date number is UNIX seconds rather than seconds since 2001 (a 31-year shift)', () => {
    const [finding] = check({ ...good, eta: NOW / 1000 + 1800 });
    expect(finding!.severity).toBe('warning');
    expect(finding!.message).toMatch(
      /^content-state\.eta: \d+ read as seconds since 2001-01-01 is the year 2057; it looks like UNIX seconds\. Send \d+/,
    );
  });

  it('follows the contract’s date strategy', () => {
    expect(check({ ...good, eta: NOW / 1000 }, 'secondsSince1970')).toEqual([]);
    expect(check({ ...good, eta: NOW }, 'millisecondsSince1970')).toEqual([]);
    expect(check({ ...good, eta: '2026-12-04T12:30:00Z' }, 'iso8601')).toEqual([]);
    expect(messages({ ...good, eta: NOW / 1000 }, 'iso8601')).toEqual([
      'content-state.eta: Date is encoded as an ISO 8601 string with the iso8601 strategy; got a whole number',
    ]);
    expect(messages({ ...good, eta: NOW }, 'secondsSince1970')[0]).toMatch(/looks like milliseconds/);
    expect(messages({ ...good, eta: NOW / 1000 }, 'millisecondsSince1970')[0]).toMatch(/looks like seconds/);
  });

  it('names a missing key with its type, and suggests the key that differs only in spelling', () => {
    const { eta: _eta, ...rest } = good;
    expect(messages({ ...rest, ETA: 5 })).toEqual([
      'content-state.eta: missing; ContentState needs it (Date), and without it the whole value fails to decode (did you mean "ETA"?)',
      'content-state.ETA: not a key of ContentState; the decoder ignores it (did you mean "eta"?)',
    ]);
  });

  it('checks enums, integers and their width, nested structs in arrays, null for a non-optional', () => {
    expect(messages({ ...good, status: 'done' })).toEqual([
      'content-state.status: Phase is one of "preparing", "on-the-way"; got "done"',
    ]);
    expect(messages({ ...good, count: 300 })).toEqual(['content-state.count: UInt8 holds 0 to 255; got 300']);
    expect(messages({ ...good, count: 2.5 })).toEqual(['content-state.count: UInt8 needs a whole number; got 2.5']);
    expect(messages({ ...good, count: '3' })).toEqual([
      'content-state.count: UInt8 is a JSON number; got a string "3"; send it without quotes',
    ]);
    expect(messages({ ...good, stops: [{ name: 'Depot', done: 'yes' }] })).toEqual([
      'content-state.stops[0].done: Bool is true or false; got a string "yes"',
    ]);
    expect(messages({ ...good, stops: null })).toEqual([
      'content-state.stops: [Stop] is not optional, so null cannot be decoded; send a value or make it [Stop]? in Swift',
    ]);
  });

  it('checks a ClosedRange as [lower, upper]', () => {
    expect(check({ ...good, window: [ETA_2001, ETA_2001 + 60] })).toEqual([]);
    expect(messages({ ...good, window: [ETA_2001 + 60, ETA_2001] })).toEqual([
      `content-state.window: ClosedRange<Date>? needs lower ≤ upper; got [${ETA_2001 + 60}, ${ETA_2001}]`,
    ]);
    expect(messages({ ...good, window: [ETA_2001] })).toEqual([
      'content-state.window: ClosedRange<Date>? is encoded as [lower, upper]; got 1 elements',
    ]);
  });

  it('says an enum without raw values is a one-key object', () => {
    const coffee = parseActivityAttributes(
      readFileSync(join(__dirname, '../../../fixtures/live-activity/coffee-order.swift'), 'utf8'),
    ).activities[0]!;
    const run = (value: unknown) =>
      checkAgainstContract(value, coffee.contentState, 'content-state', { dateEncoding: 'deferredToDate', now: NOW });
    expect(run({ currentStatus: { preparing: {} } })).toEqual([]);
    expect(run({ currentStatus: 'preparing' }).map((f) => f.message)).toEqual([
      'content-state.currentStatus: CoffeeDeliveryStatus is encoded as a JSON object like {"recieved": {}}; got a string "preparing"',
    ]);
  });

  it('softens findings under a type with its own init(from:) to warnings that say why', () => {
    const ha = parseActivityAttributes(
      readFileSync(join(__dirname, '../../../fixtures/live-activity/home-assistant.swift'), 'utf8'),
    ).activities[0]!;
    const findings = checkAgainstContract(
      { message: 'Hi', countdown_end: '2026-12-04T12:00:00Z' },
      ha.contentState,
      'content-state',
      {
        dateEncoding: 'deferredToDate',
        now: NOW,
      },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.message).toMatch(
      /^content-state\.countdown_end: Date\? is encoded|^content-state\.countdown_end: Date is encoded/,
    );
    expect(findings[0]!.message).toMatch(/unless the type's own init\(from:\) reads it that way\)$/);
  });

  it('checks attributes the same way, UUIDs included', () => {
    const uuid = parseActivityAttributes(
      readFileSync(join(__dirname, '../../../fixtures/live-activity/reminder.swift'), 'utf8'),
    ).activities[0]!;
    const findings = checkAgainstContract({ reminderID: 'r-1', title: 'Tea' }, uuid.attributes, 'attributes', {
      dateEncoding: 'deferredToDate',
      now: NOW,
    });
    expect(findings.map((f) => f.message)).toEqual([
      'attributes.reminderID: UUID must be a UUID like "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"; got "r-1"',
    ]);
  });
});
