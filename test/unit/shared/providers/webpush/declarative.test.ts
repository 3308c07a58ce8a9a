import { describe, expect, it } from 'vitest';
import { declarativeIssues, readDeclarative } from '../../../../../shared/providers/webpush/declarative';
import { preflightWebpush } from '../../../../../shared/providers/webpush/preflight';
import { pushServiceNote, PUSH_SERVICE_FACTS } from '../../../../../shared/providers/webpush/service-notes';
import { webpushTemplates } from '../../../../../shared/providers/webpush/templates';

const KEYS = {
  p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
};
const sub = (endpoint: string) => JSON.stringify({ endpoint, expirationTime: null, keys: KEYS });
const APPLE = sub('https://web.push.apple.com/QGx9abc');
const FCM = sub('https://fcm.googleapis.com/wp/abc123');

const message = (notification: Record<string, unknown>, top: Record<string, unknown> = {}) =>
  JSON.stringify({
    web_push: 8030,
    notification: { title: 'Hi', navigate: 'https://example.com/a', ...notification },
    ...top,
  });
const run = (payload: string, target = APPLE) =>
  preflightWebpush(
    { target, payload, environment: 'production', options: { ttl: 60 } },
    { subject: 'mailto:a@example.com' },
  );
const found = (payload: string, code: string, target = APPLE) => run(payload, target).filter((i) => i.code === code);

describe('Declarative Web Push preflight', () => {
  it('says in words that notification.navigate is needed, as an error at its path', () => {
    const payload = JSON.stringify({ web_push: 8030, notification: { title: 'Hi' } });
    expect(found(payload, 'webpush.declarative.navigate')).toEqual([
      {
        severity: 'error',
        code: 'webpush.declarative.navigate',
        message: 'Declarative Web Push needs notification.navigate: the URL opened on click.',
        path: '/notification/navigate',
      },
    ]);
    expect(found(message({ navigate: 'http://[nope' }), 'webpush.declarative.navigate')[0]!.message).toBe(
      'notification.navigate "http://[nope" is not a URL.',
    );
  });

  it('warns that Safari needs an absolute navigate URL and names a non-web scheme', () => {
    expect(found(message({ navigate: '/orders/1' }), 'webpush.declarative.navigate-relative')[0]).toMatchObject({
      severity: 'warning',
      path: '/notification/navigate',
    });
    expect(found(message({ navigate: 'ftp://example.com/x' }), 'webpush.declarative.navigate-scheme')).toHaveLength(1);
  });

  it('needs a non-empty notification.title and a notification object', () => {
    expect(found(message({ title: '' }), 'webpush.declarative.title')[0]).toMatchObject({
      severity: 'error',
      message:
        'Declarative Web Push needs notification.title: the text shown in bold (a non-empty string; Safari refuses an empty one).',
    });
    expect(found(message({ title: 5 }), 'webpush.declarative.title')).toHaveLength(1);
    expect(found(JSON.stringify({ web_push: 8030 }), 'webpush.declarative.notification')[0]!.severity).toBe('error');
  });

  it('app_badge must be a non-negative integer, beside or inside notification', () => {
    expect(found(message({}, { app_badge: -1 }), 'webpush.declarative.app-badge')).toEqual([
      {
        severity: 'error',
        code: 'webpush.declarative.app-badge',
        message: 'app_badge must be a non-negative integer, not -1.',
        path: '/app_badge',
      },
    ]);
    expect(found(message({ app_badge: 1.5 }), 'webpush.declarative.app-badge')[0]!.path).toBe(
      '/notification/app_badge',
    );
    expect(found(message({}, { app_badge: '7' }), 'webpush.declarative.app-badge')[0]!.severity).toBe('warning');
    expect(found(message({}, { app_badge: true }), 'webpush.declarative.app-badge')[0]!.severity).toBe('warning');
    expect(found(message({}, { app_badge: 0 }), 'webpush.declarative.app-badge')).toEqual([]);
  });

  it('marks where app_badge and mutable go as unsettled, and wants mutable to be a boolean', () => {
    const placement = found(message({}, { app_badge: 2 }), 'webpush.declarative.placement');
    expect(placement[0]).toMatchObject({ severity: 'info' });
    expect(placement[0]!.message).toContain('unverified');
    expect(found(message({}, { mutable: 'yes' }), 'webpush.declarative.mutable')[0]).toMatchObject({
      severity: 'error',
      path: '/mutable',
    });
    expect(found(message({ mutable: true }), 'webpush.declarative.mutable')).toEqual([]);
  });

  it('refuses members of the wrong type, since Safari then drops the whole message', () => {
    const types = (notification: Record<string, unknown>) =>
      found(message(notification), 'webpush.declarative.type').map((i) => i.path);
    expect(types({ dir: 'up' })).toEqual(['/notification/dir']);
    expect(types({ body: 3, silent: 'no', timestamp: -5 })).toEqual([
      '/notification/body',
      '/notification/silent',
      '/notification/timestamp',
    ]);
    expect(types({ dir: 'rtl', body: 'b', silent: true, timestamp: 1_700_000_000_000 })).toEqual([]);
  });

  it('needs action, title and navigate on every action', () => {
    const issues = found(message({ actions: [{ action: 'a', title: 'A' }] }), 'webpush.declarative.action');
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: '/notification/actions/0',
        message: 'notification.actions[0] needs navigate (strings; navigate is the URL that button opens).',
      }),
    ]);
    expect(found(message({ actions: 'x' }), 'webpush.declarative.action')).toHaveLength(1);
  });

  it('warns when web_push is present but is not 8030', () => {
    const issues = found(JSON.stringify({ web_push: 9001, notification: {} }), 'webpush.declarative.marker');
    expect(issues[0]).toMatchObject({ severity: 'warning', path: '/web_push' });
    expect(issues[0]!.message).toContain('must be the number 8030');
  });

  it('notes that only Apple shows it by itself, for other push services only', () => {
    expect(found(message({}), 'webpush.declarative.not-apple', FCM)).toHaveLength(1);
    expect(found(message({}), 'webpush.declarative.not-apple', APPLE)).toEqual([]);
  });

  it('leaves ordinary payloads alone', () => {
    expect(declarativeIssues('{"title":"Hi","navigate":3}', 'apple')).toEqual([]);
    expect(declarativeIssues('plain text', 'apple')).toEqual([]);
  });

  it('passes the Declarative Web Push template with notes only', () => {
    const template = webpushTemplates.find((t) => t.id === 'webpush.declarative')!;
    expect(run(template.payload).filter((i) => i.severity !== 'info')).toEqual([]);
  });
});

describe('readDeclarative', () => {
  it('reads what a browser shows: title, body, navigate, badge, actions, mutable', () => {
    const shown = readDeclarative(
      message(
        { body: 'B', actions: [{ action: 't', title: 'Track', navigate: 'https://example.com/t' }, { title: 'bad' }] },
        { app_badge: 4, mutable: true },
      ),
    );
    expect(shown).toMatchObject({
      title: 'Hi',
      body: 'B',
      navigate: 'https://example.com/a',
      appBadge: 4,
      mutable: true,
      actions: [{ action: 't', title: 'Track', navigate: 'https://example.com/t' }],
    });
    expect(readDeclarative(message({}, { app_badge: '12' }))!.appBadge).toBe(12);
  });

  it('is null for what no browser would show declaratively', () => {
    expect(readDeclarative('{"title":"Hi"}')).toBeNull();
    expect(readDeclarative(JSON.stringify({ web_push: 8030, notification: { title: 'Hi' } }))).toBeNull();
    expect(readDeclarative(message({ title: '' }))).toBeNull();
  });
});

describe('Push service notes', () => {
  it('has a row for Apple, FCM, Mozilla and WNS and marks unverified facts', () => {
    expect(Object.keys(PUSH_SERVICE_FACTS).sort()).toEqual(['apple', 'fcm', 'mozilla', 'wns']);
    expect(pushServiceNote(APPLE)!.note).toContain('Declarative Web Push shown without a service worker');
    expect(pushServiceNote(sub('https://updates.push.services.mozilla.com/wpush/v2/x'))!.note).toContain(
      'TTL ≤ 2,592,000 s (longer is refused)',
    );
    expect(pushServiceNote(sub('https://wns2-par02p.notify.windows.com/w/?token=x'))!.note).toContain('(unverified)');
    expect(pushServiceNote(sub('https://127.0.0.1:9/wpush/v2/x'))).toBeNull();
    expect(pushServiceNote('not json')).toBeNull();
  });
});
