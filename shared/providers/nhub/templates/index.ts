import type { NhubOptions } from '../message';

/** A Notification Hubs payload template for the composer's gallery. */
export interface NhubTemplate {
  id: string;
  name: string;
  description: string;
  options: Partial<NhubOptions>;
  payload: string;
  target?: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export const appleAlertTemplate: NhubTemplate = {
  id: 'nhub.apple.alert',
  name: 'iOS alert (apple)',
  description: 'An APNs alert with sound, sent to registrations tagged "news".',
  options: { format: 'apple', targetKind: 'tags', headers: { 'apns-push-type': 'alert', 'apns-priority': '10' } },
  payload: json({ aps: { alert: { title: 'Breaking news', body: 'Something happened.' }, sound: 'default' } }),
  target: 'news',
};

export const fcmv1Template: NhubTemplate = {
  id: 'nhub.fcmv1.notification',
  name: 'Android notification (fcmv1)',
  description: 'The FCM v1 envelope with a notification and data.',
  options: { format: 'fcmv1', targetKind: 'tags' },
  payload: json({
    message: { notification: { title: 'Hello', body: 'From Notification Hubs' }, data: { msg: 'Hello!' } },
  }),
  target: 'news && en',
};

export const windowsToastTemplate: NhubTemplate = {
  id: 'nhub.windows.toast',
  name: 'Windows toast (windows)',
  description: 'A ToastText01 toast; X-WNS-Type wns/toast is derived from the <toast> root.',
  options: { format: 'windows', targetKind: 'tags' },
  payload: '<toast><visual><binding template="ToastText01"><text id="1">Hello world!</text></binding></visual></toast>',
  target: 'sports || politics',
};

export const templatePropertiesTemplate: NhubTemplate = {
  id: 'nhub.template.greeting',
  name: 'Template properties (template)',
  description: 'Properties for registrations with the localized toast template $(greeting_en).',
  options: {
    format: 'template',
    targetKind: 'tags',
    registrationTemplate:
      '<toast><visual><binding template="ToastText01"><text id="1">$(greeting_en)</text></binding></visual></toast>',
  },
  payload: json({ greeting_en: 'Hello', greeting_fr: 'Salut' }),
};

export const installationTestTemplate: NhubTemplate = {
  id: 'nhub.apple.installation-test',
  name: 'Test send to one installation',
  description: 'A test send (&test) to exactly one installation, showing its outcome.',
  options: { format: 'apple', targetKind: 'tags', test: true },
  payload: json({ aps: { alert: 'Test from Push Console' } }),
  target: '$InstallationId:{my-installation-id}',
};

export const nhubTemplates: readonly NhubTemplate[] = [
  appleAlertTemplate,
  fcmv1Template,
  windowsToastTemplate,
  templatePropertiesTemplate,
  installationTestTemplate,
];
