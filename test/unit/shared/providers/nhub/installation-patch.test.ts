import { describe, expect, it } from 'vitest';
import { installationPatch } from '../../../../../shared/providers/nhub/installation-patch';
import { handleFilter } from '../../../../../shared/providers/nhub/registration-handle';

const base = {
  installationId: 'i1',
  platform: 'apns' as const,
  pushChannel: 'ab'.repeat(32),
  tags: ['sports', 'a/b'],
  templates: { alert: { body: '{"aps":{"alert":"$(m)"}}' } },
};

describe('installationPatch', () => {
  it('adds and removes single tags and templates, values as strings', () => {
    const ops = installationPatch(base, {
      ...base,
      tags: ['sports', 'news'],
      templates: { badge: { body: '{"aps":{"badge":1}}', tags: ['x'] } },
    });
    expect(ops).toEqual([
      { op: 'remove', path: '/tags/a~1b' },
      { op: 'add', path: '/tags', value: 'news' },
      { op: 'remove', path: '/templates/alert' },
      { op: 'add', path: '/templates/badge', value: '{"body":"{\\"aps\\":{\\"badge\\":1}}","tags":["x"]}' },
    ]);
  });

  it('a new channel is one add; nothing changed is no operation; another platform needs a PUT', () => {
    expect(installationPatch(base, { ...base, pushChannel: 'cd'.repeat(32) })).toEqual([
      { op: 'add', path: '/pushChannel', value: 'cd'.repeat(32) },
    ]);
    expect(installationPatch(base, { ...base })).toEqual([]);
    expect(installationPatch(base, { ...base, platform: 'fcmv1' })).toBeNull();
  });
});

describe('handleFilter', () => {
  it('picks the field by the handle, as the SDK does per platform', () => {
    expect(handleFilter('ab'.repeat(32)).expression).toBe(`DeviceToken eq '${'AB'.repeat(32)}'`);
    expect(handleFilter('https://db5.notify.windows.com/?token=a+b').expression).toBe(
      "ChannelUri eq 'https%3A%2F%2Fdb5.notify.windows.com%2F%3Ftoken%3Da%2Bb'",
    );
    expect(handleFilter('https://fcm.googleapis.com/wp/abc').field).toBe('Endpoint');
    expect(handleFilter("fcm:it's").expression).toBe("FcmV1RegistrationId eq 'fcm:it''s'");
  });
});
