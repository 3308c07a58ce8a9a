import { describe, expect, it } from 'vitest';
import { preflightWebpush } from '../../../../../shared/providers/webpush/preflight';
import { webpushOptionsSchema } from '../../../../../shared/providers/webpush/message';
import { webpushTemplates } from '../../../../../shared/providers/webpush/templates';

const target = JSON.stringify({
  endpoint: 'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
  keys: {
    p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
    auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  },
});

describe('Web Push templates', () => {
  it('has a notification, a silent data message, plain text and a declarative message, with unique ids', () => {
    expect(webpushTemplates.map((t) => t.id)).toEqual([
      'webpush.notification',
      'webpush.silent',
      'webpush.text',
      'webpush.declarative',
    ]);
  });

  it.each(webpushTemplates.map((t) => [t.id, t] as const))(
    '%s passes preflight and the options schema',
    (_id, template) => {
      expect(webpushOptionsSchema.safeParse(template.options).success).toBe(true);
      const issues = preflightWebpush(
        { target, payload: template.payload, environment: 'production', options: template.options },
        { subject: 'mailto:ops@example.com' },
      );
      expect(issues.filter((issue) => issue.severity !== 'info')).toEqual([]);
    },
  );

  it('gives the notification the fields service workers pass to showNotification', () => {
    const payload = JSON.parse(webpushTemplates[0]!.payload);
    expect(payload).toMatchObject({ title: expect.any(String), body: expect.any(String), icon: expect.any(String) });
    expect(payload.actions).toHaveLength(2);
    expect(payload.data.url).toMatch(/^https:\/\//);
    expect(() => JSON.parse(webpushTemplates[1]!.payload)).not.toThrow();
  });
});
