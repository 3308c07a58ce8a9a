import { describe, expect, it } from 'vitest';
import { preflightFcm } from '../../../../../shared/providers/fcm/preflight';
import { fcmOptionsSchema } from '../../../../../shared/providers/fcm/message';
import { fcmTemplates } from '../../../../../shared/providers/fcm/templates';
import { apnsTemplates } from '../../../../../shared/providers/apns/templates';

const sampleToken = 'dXNlcjEyMzQ1Njc4OTA:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx';

describe('FCM templates', () => {
  it('covers the kinds the composer offers, with unique ids', () => {
    expect(fcmTemplates.map((t) => t.id)).toEqual([
      'fcm.notification',
      'fcm.data-only',
      'fcm.notification-data',
      'fcm.android-high-priority-data',
      'fcm.apns-override',
      'fcm.webpush-link',
      'fcm.topic',
      'fcm.condition',
      'fcm.liveactivity-start',
      'fcm.liveactivity-update',
      'fcm.liveactivity-end',
    ]);
  });

  it.each(fcmTemplates.map((t) => [t.id, t] as const))('%s passes preflight with no issue at all', (_id, template) => {
    const options = fcmOptionsSchema.parse(template.options);
    const issues = preflightFcm({ target: template.target ?? sampleToken, options, payload: template.payload });
    // A priority-10 Live Activity push is told what it costs of the activity's budget, as through APNs.
    const budget = issues.filter((i) => i.code === 'apns.liveactivity.budget');
    expect(issues.filter((i) => !budget.includes(i))).toEqual([]);
    expect(budget.length === 0 || JSON.parse(template.payload).apns.headers['apns-priority'] === '10').toBe(true);
  });

  it('sends the APNs Live Activity templates’ payloads through FCM, to the app’s registration token', () => {
    const start = JSON.parse(fcmTemplates.find((t) => t.id === 'fcm.liveactivity-start')!.payload);
    const apnsStart = JSON.parse(apnsTemplates.find((t) => t.id === 'apns.liveactivity-start')!.payload);
    expect(start.apns.payload.aps).toEqual(apnsStart.aps);
    expect(start.apns.live_activity_token).toMatch(/^[0-9a-f]+$/);
    expect(start.apns.headers).toEqual({ 'apns-push-type': 'liveactivity', 'apns-priority': '10' });
    const update = JSON.parse(fcmTemplates.find((t) => t.id === 'fcm.liveactivity-update')!.payload);
    expect(update.apns.headers['apns-priority']).toBe('5');
    expect(update.apns.payload.aps.event).toBe('update');
    const end = JSON.parse(fcmTemplates.find((t) => t.id === 'fcm.liveactivity-end')!.payload);
    expect(end.apns.payload.aps.event).toBe('end');
    for (const id of ['start', 'update', 'end'])
      expect(fcmTemplates.find((t) => t.id === `fcm.liveactivity-${id}`)!.options.targetKind).toBe('token');
  });

  it('APNs override sets apns-push-type and the web template an HTTPS link', () => {
    const apns = JSON.parse(fcmTemplates.find((t) => t.id === 'fcm.apns-override')!.payload);
    expect(apns.apns.headers['apns-push-type']).toBe('alert');
    const web = JSON.parse(fcmTemplates.find((t) => t.id === 'fcm.webpush-link')!.payload);
    expect(web.webpush.fcm_options.link).toMatch(/^https:\/\//);
  });
});
