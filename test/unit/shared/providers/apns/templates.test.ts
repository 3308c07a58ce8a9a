import { describe, expect, it } from 'vitest';
import { preflightApns } from '../../../../../shared/providers/apns/preflight';
import { apnsSendSchema } from '../../../../../shared/providers/apns/message';
import { apnsTemplates } from '../../../../../shared/providers/apns/templates';
import { PROVIDER_SPECS } from '../../../../../shared/providers';

describe('APNs templates', () => {
  it('cover every kind the composer offers, with unique ids', () => {
    const ids = apnsTemplates.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'alert',
      'localized-alert',
      'badge',
      'sound',
      'critical',
      'background',
      'voip',
      'rich-media',
      'category',
      'thread',
      'liveactivity-start',
      'liveactivity-start-channel',
      'liveactivity-update',
      'liveactivity-alert-update',
      'liveactivity-end',
      'location',
    ]) {
      expect(ids).toContain(`apns.${id}`);
    }
    expect(PROVIDER_SPECS.apns.templates).toBe(apnsTemplates);
  });

  it.each(apnsTemplates.map((t) => [t.id, t] as const))(
    '%s passes the preflight with a token credential',
    (_id, template) => {
      const request = apnsSendSchema.parse({
        provider: 'apns',
        credential: 'c',
        environment: 'sandbox',
        target: 'ab'.repeat(32),
        options: template.options,
        payload: template.payload,
      });
      const issues = preflightApns(request, { kind: 'apns-token', label: 'Key', metadata: {} });
      expect(issues.filter((i) => i.severity !== 'info')).toEqual([]);
    },
  );
});
