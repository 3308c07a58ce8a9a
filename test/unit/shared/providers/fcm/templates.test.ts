import { describe, expect, it } from 'vitest';
import { preflightFcm } from '../../../../../shared/providers/fcm/preflight';
import { fcmOptionsSchema } from '../../../../../shared/providers/fcm/message';
import { fcmTemplates } from '../../../../../shared/providers/fcm/templates';

const sampleToken = 'dXNlcjEyMzQ1Njc4OTA:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx';

describe('FCM templates', () => {
  it('covers the eight kinds the composer offers, with unique ids', () => {
    expect(fcmTemplates.map((t) => t.id)).toEqual([
      'fcm.notification',
      'fcm.data-only',
      'fcm.notification-data',
      'fcm.android-high-priority-data',
      'fcm.apns-override',
      'fcm.webpush-link',
      'fcm.topic',
      'fcm.condition',
    ]);
  });

  it.each(fcmTemplates.map((t) => [t.id, t] as const))('%s passes preflight with no issue at all', (_id, template) => {
    const options = fcmOptionsSchema.parse(template.options);
    expect(preflightFcm({ target: template.target ?? sampleToken, options, payload: template.payload })).toEqual([]);
  });

  it('APNs override sets apns-push-type and the web template an HTTPS link', () => {
    const apns = JSON.parse(fcmTemplates.find((t) => t.id === 'fcm.apns-override')!.payload);
    expect(apns.apns.headers['apns-push-type']).toBe('alert');
    const web = JSON.parse(fcmTemplates.find((t) => t.id === 'fcm.webpush-link')!.payload);
    expect(web.webpush.fcm_options.link).toMatch(/^https:\/\//);
  });
});
