import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SchemaNode } from '../../../../shared/live-activity/contract-schema';
import { parseActivityAttributes } from '../../../../shared/live-activity/swift-attributes';

const DIR = join(__dirname, '../../../fixtures/live-activity');

/** Each real declaration, by what its Codable reads: key → Swift type, `!` after the ones that must be present. */
const EXPECTED: Record<string, { type: string; state: Record<string, string>; attributes: Record<string, string> }> = {
  'agent-activity.swift': {
    type: 'AgentActivityAttributes',
    state: {
      headline: 'String!',
      rows: '[AgentRow]!',
      more: 'String?',
      topState: 'String!',
      isStale: 'Bool!',
      staleDetail: 'String!',
    },
    attributes: { machineName: 'String!' },
  },
  'capacitor-generic.swift': {
    type: 'GenericAttributes',
    state: { values: '[String: String]!' },
    attributes: { id: 'String!', staticValues: '[String: String]!' },
  },
  'coffee-order.swift': {
    type: 'CoffeeDeliveryAttributes',
    state: { currentStatus: 'CoffeeDeliveryStatus!' },
    attributes: { coffeeName: 'String!' },
  },
  'focus-session.swift': {
    type: 'FocusSessionAttributes',
    state: { startDate: 'Date!', endDate: 'Date!', isPaused: 'Bool!', remainingSeconds: 'Int!', title: 'String!' },
    attributes: { sessionId: 'UUID!', totalSeconds: 'Int!' },
  },
  'hello-world.swift': {
    type: 'HelloWorldAttributes',
    state: { message: 'String!', leftText: 'String!', rightText: 'String!', minimalText: 'String!' },
    attributes: { name: 'String!' },
  },
  'hold-that-thought.swift': {
    type: 'HoldThatThoughtAttributes',
    state: { isListening: 'Bool!', currentClaim: 'String?', claimCount: 'Int!' },
    attributes: { sessionId: 'String!', startTime: 'Date!' },
  },
  'home-assistant.swift': {
    type: 'HALiveActivityAttributes',
    state: {
      title: 'String?',
      message: 'String!',
      critical_text: 'String?',
      progress: 'Int?',
      progress_max: 'Int?',
      chronometer: 'Bool?',
      countdown_end: 'Date?',
      icon: 'String?',
      color: 'String?',
      url: 'String?',
    },
    attributes: { tag: 'String!', title: 'String!', webhook_id: 'String?' },
  },
  'live-activity-demo.swift': {
    type: 'LiveActivityAttributes',
    state: { text: 'String!', pauseTime: 'Date?', endTime: 'Date?' },
    attributes: { id: 'String!' },
  },
  'live-sport.swift': {
    type: 'LiveSportActivityAttributes',
    state: { homeScore: 'Int!', awayScore: 'Int!', status: 'String?', progress: 'String?' },
    attributes: { homeTeam: 'String!', awayTeam: 'String!', eventID: 'String!' },
  },
  'order-status.swift': {
    type: 'OrderAttributes',
    state: { status: 'Status!' },
    attributes: { orderNumber: 'Int!', orderItems: 'String!' },
  },
  'reminder.swift': {
    type: 'ReminderLiveActivityAttributes',
    state: { scheduledDate: 'Date!', hasTriggered: 'Bool!' },
    attributes: { reminderID: 'UUID!', title: 'String!' },
  },
  'sample-activity.swift': {
    type: 'SampleActivityAttributes',
    state: { emoji: 'String!', progress: 'Double!' },
    attributes: { name: 'String!' },
  },
  'speed-activity.swift': { type: 'SpeedActivityAttributes', state: { speed: 'String!' }, attributes: {} },
  'sportboot.swift': {
    type: 'LiveActivitiesAppAttributes',
    state: {
      questionsCompleted: 'Int!',
      targetQuestions: 'Int!',
      currentStreak: 'Int!',
      isGoalAchieved: 'Bool!',
      lastUpdated: 'Date!',
    },
    attributes: { courseName: 'String!' },
  },
  'tap-together.swift': {
    type: 'TapsActivityAttributes',
    state: { bottomText: 'String!' },
    attributes: { timer: 'ClosedRange<Date>!', teamNameLeft: 'String!', teamNameRight: 'String!', gameName: 'String!' },
  },
  'timer.swift': {
    type: 'TimerAttributes',
    state: {
      timerId: 'String!',
      title: 'String!',
      startTime: 'Double!',
      duration: 'Double!',
      paused: 'Bool!',
      lastPaused: 'Double?',
      widgetUrl: 'String?',
    },
    attributes: { key: 'String!' },
  },
};

function summary(node: SchemaNode): Record<string, string> {
  const required = new Set(node.required ?? []);
  return Object.fromEntries(
    Object.entries(node.properties ?? {}).map(([key, child]) => [
      key,
      required.has(key) ? `${child['x-swift']}!` : String(child['x-swift']),
    ]),
  );
}

describe('the Swift reader on real Live Activity declarations', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.swift'));

  it('has at least 15 fixtures, each naming its public source', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      expect(readFileSync(join(DIR, file), 'utf8')).toMatch(
        /^\/\/ Source: github\.com\/[\w.-]+\/[\w.-]+, \S+ @ [0-9a-f]{40}/,
      );
    }
    expect(Object.keys(EXPECTED).sort()).toEqual(files.sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const result = parseActivityAttributes(readFileSync(join(DIR, file), 'utf8'));
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.activities.map((a) => a.attributesType)).toEqual([expected.type]);
    const [activity] = result.activities;
    expect(summary(activity!.contentState)).toEqual(expected.state);
    expect(summary(activity!.attributes)).toEqual(expected.attributes);
  });

  it('reads what the types inside are: enum raw values, cases without raw values, nested structs, ranges, UUIDs', () => {
    const read = (file: string) => parseActivityAttributes(readFileSync(join(DIR, file), 'utf8')).activities[0]!;
    expect(read('order-status.swift').contentState.properties!['status']).toMatchObject({
      type: 'string',
      enum: ['shippingbox.fill', 'person.bust', 'takeoutbag.and.cup.and.straw.fill'],
    });
    expect(read('coffee-order.swift').contentState.properties!['currentStatus']).toMatchObject({
      type: 'object',
      'x-cases': ['recieved', 'preparing', 'outForDelivery'],
    });
    const rows = read('agent-activity.swift').contentState.properties!['rows']!;
    expect(rows.items).toMatchObject({ type: 'object', 'x-swift': 'AgentRow' });
    expect(summary(rows.items!)).toMatchObject({ id: 'String!', iconFile: 'String?', isQuiet: 'Bool!' });
    expect(read('tap-together.swift').attributes.properties!['timer']).toMatchObject({
      type: 'array',
      prefixItems: [{ format: 'swift-date' }, { format: 'swift-date' }],
    });
    expect(read('reminder.swift').attributes.properties!['reminderID']).toMatchObject({
      type: 'string',
      format: 'uuid',
    });
  });

  it('says a type with its own init(from:) may read values differently, with its line', () => {
    const result = parseActivityAttributes(readFileSync(join(DIR, 'home-assistant.swift'), 'utf8'));
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 18,
        message: expect.stringContaining('ContentState has its own init(from:)'),
      }),
    ]);
    expect(result.activities[0]!.contentState['x-custom-decoder']).toBe(true);
  });
});
