import { describe, expect, it } from 'vitest';
import { providerFlagsAsOptions } from '../../../../main/cli/provider-flags';

const OWN = new Set(['credential', 'env', 'targets', 'payload', 'option', 'concurrency']);

describe('bulk takes provider options spelled as send spells them', () => {
  it('turns --kebab-case option flags into --option camelCase=value, leaving the rest', () => {
    expect(
      providerFlagsAsOptions(
        ['apns', '--topic', 'com.example', '--push-type', 'voip', '--priority=5', '--credential', 'k', '--bogus', 'x'],
        'apns',
        OWN,
      ),
    ).toEqual([
      'apns',
      '--option',
      'topic=com.example',
      '--option',
      'pushType=voip',
      '--option',
      'priority=5',
      '--credential',
      'k',
      '--bogus',
      'x',
    ]);
  });

  it('reads a flag with no value as true, and knows each provider its own options', () => {
    expect(providerFlagsAsOptions(['fcm', '--validate-only', '--env', 'local'], 'fcm', OWN)).toEqual([
      'fcm',
      '--option',
      'validateOnly=true',
      '--env',
      'local',
    ]);
    // --push-type is APNs'; for Web Push it stays unknown and the parser says so.
    expect(providerFlagsAsOptions(['webpush', '--push-type', 'alert', '--ttl', '60'], 'webpush', OWN)).toEqual([
      'webpush',
      '--push-type',
      'alert',
      '--option',
      'ttl=60',
    ]);
  });

  it("keeps the command's own flags, and refuses an empty value", () => {
    expect(providerFlagsAsOptions(['apns', '--topic', 'x'], 'apns', new Set(['topic']))).toEqual([
      'apns',
      '--topic',
      'x',
    ]);
    expect(() => providerFlagsAsOptions(['apns', '--topic='], 'apns', OWN)).toThrow('--topic needs a value.');
  });
});
