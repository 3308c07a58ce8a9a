import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPostman, type PostmanImport } from '../../../../shared/collections/postman';
import { collectionRequestSchema } from '../../../../shared/collections/schema';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/postman/push-calls.postman_collection.json');

describe('importing a Postman collection', () => {
  const imported = importPostman(readFileSync(FIXTURE, 'utf8')) as PostmanImport;

  it('maps APNs, FCM v1, WNS and Notification Hubs calls onto valid collection requests', () => {
    expect(imported.files.map((file) => file.path)).toEqual([
      'apple/apns-alert-sandbox.json',
      'fcm-to-a-token.json',
      'wns-toast.json',
      'hub-tag-news.json',
    ]);
    for (const { path, request } of imported.files) {
      expect(collectionRequestSchema.safeParse(request).success, path).toBe(true);
    }
    const [apns, fcm, wns, nhub] = imported.files.map((file) => file.request);
    expect(apns).toEqual({
      name: 'APNs alert (sandbox)',
      provider: 'apns',
      credential: '{{vars.apnsCredential}}',
      environment: 'sandbox',
      target: '{{vars.deviceToken}}',
      options: { topic: '{{vars.topic}}', pushType: 'alert', priority: 10 },
      payload: { aps: { alert: { title: 'From Postman' } } },
    });
    expect(fcm).toMatchObject({
      provider: 'fcm',
      target: '{{vars.fcmToken}}',
      options: { targetKind: 'token' },
      payload: { notification: { title: 'From Postman' } },
    });
    expect(wns).toMatchObject({
      provider: 'wns',
      target: 'https://wns2-by3p.notify.windows.com/?token={{vars.channelToken}}',
      options: { type: 'toast', tag: 't1' },
    });
    expect(wns!.payload).toMatch(/^<toast>/);
    expect(nhub).toMatchObject({
      provider: 'nhub',
      target: 'news && en',
      options: { format: 'apple', targetKind: 'tags', headers: { 'apns-push-type': 'alert' } },
    });
  });

  it('carries no auth header or key over, and keeps Postman variables with usable names', () => {
    expect(JSON.stringify(imported.files)).not.toMatch(/apnsJwt|fcmAccessToken|authorization/i);
    expect(imported.meta).toEqual({
      name: 'Backend push calls',
      description: "A team's hand-made Postman calls to the push services.",
      variables: { topic: 'dev.pushconsole.sandbox' },
    });
  });

  it('reports every request it left out, and why', () => {
    expect(imported.skipped).toEqual([
      {
        item: 'Web Push',
        reason:
          'a Web Push body is encrypted for one subscription: save the subscription as a device and write this request by hand',
      },
      { item: 'Health check', reason: 'it is GET https://api.example.com/health, not a push send (POST)' },
      { item: 'APNs alert (sandbox)', reason: 'it is a bare URL, not a push send' },
    ]);
  });

  it('refuses what is not a Postman collection', () => {
    expect(importPostman('nope')).toMatch(/not JSON/);
    expect(importPostman('{"info":{}}')).toMatch(/not a Postman collection/);
  });
});
