import { describe, expect, it } from 'vitest';
import type { CredentialMeta } from '../../../../../shared/domain/credential';
import { preflightApns } from '../../../../../shared/providers/apns/preflight';
import type { ApnsSendRequest } from '../../../../../shared/providers/apns/message';
import { apnsSendSchema } from '../../../../../shared/providers/apns/message';

const TOKEN = 'a'.repeat(64);

function request(
  payload: unknown,
  options: Partial<ApnsSendRequest['options']> = {},
  env: ApnsSendRequest['environment'] = 'sandbox',
): ApnsSendRequest {
  return apnsSendSchema.parse({
    provider: 'apns',
    credential: 'c',
    environment: env,
    target: TOKEN,
    options: { topic: 'com.example.app', ...options },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

const codes = (issues: ReturnType<typeof preflightApns>) =>
  issues.filter((i) => i.severity === 'error').map((i) => i.code);

function cert(environment: string, label = 'Cert'): Pick<CredentialMeta, 'kind' | 'label' | 'metadata'> {
  return {
    kind: 'apns-certificate',
    label,
    metadata: { environment, bundleId: 'com.example.app', topics: ['com.example.app'] },
  };
}

describe('APNs preflight', () => {
  it('accepts a plain alert', () => {
    expect(codes(preflightApns(request({ aps: { alert: 'Hi' } })))).toEqual([]);
  });

  it('says how large a too-large payload is, with the VoIP limit at 5,120', () => {
    const body = JSON.stringify({ aps: { alert: 'x'.repeat(4200) } });
    const issues = preflightApns(request(body));
    expect(issues.find((i) => i.code === 'apns.payload.too-large')?.message).toBe(
      `Payload is ${Buffer.byteLength(body).toLocaleString('en-US')} bytes; APNs allows 4,096`,
    );
    expect(codes(preflightApns(request(body, { pushType: 'voip', topic: 'com.example.app.voip' })))).toEqual([]);
    const big = JSON.stringify({ aps: {}, d: 'x'.repeat(5200) });
    expect(codes(preflightApns(request(big, { pushType: 'voip' })))).toContain('apns.payload.too-large');
  });

  it('counts multi-byte characters as bytes', () => {
    const body = JSON.stringify({ aps: { alert: '€'.repeat(1400) } }); // 3 bytes each
    expect(codes(preflightApns(request(body)))).toContain('apns.payload.too-large');
  });

  it('needs JSON, an object, and aps', () => {
    expect(codes(preflightApns(request('{nope')))).toEqual(['apns.payload.json']);
    expect(codes(preflightApns(request('[1]')))).toEqual(['apns.payload.not-object']);
    expect(codes(preflightApns(request({ data: 1 })))).toEqual(['apns.payload.no-aps']);
    expect(codes(preflightApns(request('')))).toEqual(['apns.payload.empty']);
  });

  it('requires content-available 1 and priority 5 for background, offering the priority fix', () => {
    const issues = preflightApns(request({ aps: {} }, { pushType: 'background', priority: 10 }));
    expect(codes(issues)).toEqual(['apns.background.priority', 'apns.background.content-available']);
    expect(issues[0]!.fix?.id).toBe('apns.priority-5');
    expect(
      codes(preflightApns(request({ aps: { 'content-available': 1 } }, { pushType: 'background', priority: 5 }))),
    ).toEqual([]);
  });

  it('requires an alert, badge or sound for push type alert', () => {
    expect(codes(preflightApns(request({ aps: {} })))).toEqual(['apns.alert.missing']);
    expect(codes(preflightApns(request({ aps: { badge: 2 } })))).toEqual([]);
  });

  it('requires event and timestamp for Live Activities', () => {
    const opts = { pushType: 'liveactivity' as const, topic: 'com.example.app.push-type.liveactivity' };
    expect(codes(preflightApns(request({ aps: { 'content-state': {} } }, opts)))).toEqual([
      'apns.liveactivity.event',
      'apns.liveactivity.timestamp',
    ]);
    expect(codes(preflightApns(request({ aps: { event: 'end', timestamp: 1 } }, opts)))).toEqual([]);
  });

  it('checks the token is whole hex bytes', () => {
    const bad = { ...request({ aps: { alert: 'x' } }), target: '<abcd ef>' };
    expect(codes(preflightApns(bad))).toEqual(['apns.token.not-hex']);
    expect(codes(preflightApns({ ...bad, target: 'abc' }))).toEqual(['apns.token.odd-length']);
    expect(codes(preflightApns({ ...bad, target: 'ab'.repeat(80) }))).toEqual([]);
  });

  it('checks the topic suffix against the push type and notes an added suffix', () => {
    expect(
      codes(preflightApns(request({ aps: {} }, { pushType: 'voip', topic: 'com.example.app.complication' }))),
    ).toEqual(['apns.topic.suffix']);
    const issues = preflightApns(request({ aps: {} }, { pushType: 'voip', topic: 'com.example.app' }));
    expect(issues.find((i) => i.code === 'apns.topic.suffix-added')?.severity).toBe('info');
  });

  it('limits the collapse id to 64 bytes and checks apns-id', () => {
    const ok = { aps: { alert: 'x' } };
    expect(codes(preflightApns(request(ok, { collapseId: 'c'.repeat(64) })))).toEqual([]);
    expect(preflightApns(request(ok, { collapseId: 'é'.repeat(33) }))[0]?.message).toBe(
      'Collapse id is 66 bytes; APNs allows 64',
    );
    expect(codes(preflightApns(request(ok, { apnsId: 'ABC' })))).toEqual(['apns.apns-id.format']);
  });

  it('matches the certificate environment to the chosen one', () => {
    const ok = { aps: { alert: 'x' } };
    expect(codes(preflightApns(request(ok, {}, 'production'), cert('sandbox', 'Dev cert')))).toEqual([
      'apns.certificate.environment',
    ]);
    expect(codes(preflightApns(request(ok, {}, 'production'), cert('universal')))).toEqual([]);
    expect(codes(preflightApns(request(ok, {}, 'local'), cert('production')))).toEqual([]);
    expect(
      codes(
        preflightApns(
          request(ok, { pushType: 'location', topic: 'com.example.app.location-query' }),
          cert('universal'),
        ),
      ),
    ).toContain('apns.location.token-only');
  });

  it('needs a topic with token auth and refuses other providers’ credentials', () => {
    const token = { kind: 'apns-token' as const, label: 'Key', metadata: { keyId: 'K', teamId: 'T' } };
    expect(codes(preflightApns(request({ aps: { alert: 'x' } }, { topic: '' }), token))).toEqual([
      'apns.topic.missing',
    ]);
    expect(codes(preflightApns(request({ aps: { alert: 'x' } }), { kind: 'vapid', label: 'V', metadata: {} }))).toEqual(
      ['apns.credential.kind'],
    );
  });
});

describe('APNs preflight across a bulk send', () => {
  it('checks each target while reusing the payload check, and never answers for another payload', () => {
    const background = { aps: { 'content-available': 1 } };
    const ok = request(background, { pushType: 'background', priority: 5 });
    expect(codes(preflightApns(ok))).toEqual([]);
    // Same payload, a bad token: the target is still checked.
    expect(codes(preflightApns({ ...ok, target: 'zz' }))).toContain('apns.token.not-hex');
    // Same payload, another priority: the payload rules run again (background needs priority 5).
    const wrongPriority = request(background, { pushType: 'background', priority: 10 });
    expect(preflightApns(wrongPriority).map((i) => i.code)).toContain('apns.background.priority');
    expect(codes(preflightApns(ok))).toEqual([]);
    // Another payload right after: its own issues, not the previous answer.
    expect(codes(preflightApns(request('{"aps":')))).toContain('apns.payload.json');
    expect(codes(preflightApns(ok))).toEqual([]);
  });
});
