import type { Provider } from '../../shared/providers/ids';

/** A target each provider accepts, to make the starter drafts whole sends. */
export const SAMPLE_TARGETS: Record<Provider, string> = {
  apns: 'ab'.repeat(32),
  fcm: 'fCm1aBcDeFgHiJkLmNoPqR:APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJ',
  wns: 'https://db5p.notify.windows.com/w/?token=BQYAAA',
  webpush: JSON.stringify({
    endpoint: 'https://fcm.googleapis.com/wp/abc123',
    keys: {
      p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
      auth: 'BTBZMqHH6r4Tts7J_aSIgg',
    },
  }),
  nhub: 'sports',
};
