import { describe, expect, it } from 'vitest';
import { preflightNhub, wnsTypeFromXml } from '../../../../../shared/providers/nhub/preflight';
import { nhubSendSchema, type NhubSendRequest } from '../../../../../shared/providers/nhub/message';
import { nhubSpec } from '../../../../../shared/providers/nhub/spec';
import { nhubTemplates } from '../../../../../shared/providers/nhub/templates';

function request(payload: string, options: Record<string, unknown> = {}, target = ''): NhubSendRequest {
  return nhubSendSchema.parse({
    provider: 'nhub',
    credential: 'c',
    environment: 'production',
    target,
    options,
    payload,
  });
}
const codes = (r: NhubSendRequest) => preflightNhub(r).map((issue) => `${issue.severity}:${issue.code}`);

describe('Notification Hubs preflight', () => {
  it('checks the payload size against 4,096 bytes', () => {
    const big = JSON.stringify({ aps: { alert: 'é'.repeat(2100) } });
    const issue = preflightNhub(request(big)).find((i) => i.code === 'nhub.payload.too-large');
    expect(Buffer.byteLength(big)).toBe(4220);
    expect(issue?.message).toBe('Payload is 4,220 bytes; Notification Hubs allows 4,096');
    expect(codes(request(JSON.stringify({ aps: { alert: 'x'.repeat(4000) } })))).not.toContain(
      'error:nhub.payload.too-large',
    );
  });

  it("holds each format to its platform's limit, as the hub does: a 4,488-byte toast goes, 5,001 bytes do not", () => {
    const toast = (bytes: number) => {
      const shell = '<toast><visual><binding template="ToastGeneric"><text></text></binding></visual></toast>';
      return shell.replace('<text></text>', `<text>${'x'.repeat(bytes - shell.length)}</text>`);
    };
    const windows = (payload: string) => request(payload, { format: 'windows' });
    expect(Buffer.byteLength(toast(4488))).toBe(4488);
    expect(codes(windows(toast(4488)))).not.toContain('error:nhub.payload.too-large');
    const issue = preflightNhub(windows(toast(5001))).find((i) => i.code === 'nhub.payload.too-large');
    expect(issue?.message).toBe('Payload is 5,001 bytes; Notification Hubs allows 5,000');
    const voip = JSON.stringify({ aps: { alert: 'x'.repeat(4500) } });
    expect(codes(request(voip, { format: 'apple', headers: { 'apns-push-type': 'voip' } }))).not.toContain(
      'error:nhub.payload.too-large',
    );
    expect(codes(request(voip, { format: 'apple' }))).toContain('error:nhub.payload.too-large');
    expect(nhubSpec.payloadSize(toast(4488), { format: 'windows' }).limit).toBe(5000);
  });

  it('matches format and payload: JSON formats, XML for windows, fcmv1 envelope, string template properties', () => {
    expect(codes(request('<toast/>', { format: 'apple' }))).toContain('error:nhub.payload.not-json');
    expect(codes(request('{"aps":{}}', { format: 'windows' }))).toContain('error:nhub.payload.not-xml');
    expect(codes(request('<foo/>', { format: 'windows' }))).toContain('error:nhub.windows.no-type');
    const broken = preflightNhub(request('<toast><visual></toast>', { format: 'windows' }));
    expect(broken.find((issue) => issue.code === 'nhub.xml.malformed')).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/^The XML is not well-formed at line 1, column \d+: /),
    });
    expect(codes(request('<toast a="1" a="2"/>', { format: 'windows', wnsType: 'wns/toast' }))).toContain(
      'error:nhub.xml.malformed',
    );
    expect(codes(request('<foo/>', { format: 'windows', wnsType: 'wns/tile' }))).toEqual(['info:nhub.tags.broadcast']);
    expect(codes(request('raw bytes', { format: 'windows', wnsType: 'wns/raw' }))).toEqual([
      'info:nhub.tags.broadcast',
    ]);
    expect(codes(request('{"notification":{}}', { format: 'fcmv1' }))).toContain('error:nhub.fcmv1.no-message');
    expect(codes(request('{"count":3,"name":"x"}', { format: 'template' }))).toContain(
      'error:nhub.template.non-string',
    );
    expect(codes(request('{"data":{"msg":"hi"}}', { format: 'apple' }))).toContain('warning:nhub.apple.no-aps');
  });

  it('flags the legacy gcm format', () => {
    const issue = preflightNhub(request('{"data":{}}', { format: 'gcm' })).find((i) => i.code === 'nhub.gcm.legacy');
    expect(issue).toMatchObject({ severity: 'warning', fix: { id: 'nhub.format.fcmv1' } });
  });

  it('parses tags with the shared parser and reports its position', () => {
    const issue = preflightNhub(request('{"aps":{}}', {}, 'news & sports')).find((i) => i.code === 'nhub.tags.invalid');
    expect(issue?.message).toBe('"&" must be doubled: use "&&" (at position 6)');
    expect(codes(request('{"aps":{}}', {}, '(news || sports) && en'))).toEqual([]);
  });

  it('requires a handle for direct sends and refuses test or template with direct', () => {
    expect(codes(request('{"aps":{}}', { targetKind: 'direct' }))).toContain('error:nhub.direct.no-handle');
    expect(codes(request('{"aps":{}}', { targetKind: 'direct', test: true }, 'AB12'))).toContain(
      'error:nhub.direct.test',
    );
    expect(codes(request('{"a":"b"}', { targetKind: 'direct', format: 'template' }, 'AB12'))).toContain(
      'error:nhub.direct.template',
    );
    expect(codes(request('{"aps":{}}', { targetKind: 'direct' }, 'AB12'))).toEqual([]);
  });

  it('warns about template properties the registration template needs but the send lacks', () => {
    const registrationTemplate =
      '<toast><visual><binding template="ToastText01"><text id="1">$(greeting_en)</text></binding></visual></toast>';
    const missing = preflightNhub(request('{"greeting_fr":"Salut"}', { format: 'template', registrationTemplate }));
    expect(missing).toEqual(
      [
        expect.objectContaining({ code: 'nhub.template.missing-property', severity: 'warning', path: '/greeting_en' }),
        expect.objectContaining({ code: 'nhub.tags.broadcast' }),
      ].reverse(),
    );
    expect(codes(request('{"greeting_en":"Hello"}', { format: 'template', registrationTemplate }))).toEqual([
      'info:nhub.tags.broadcast',
    ]);
  });

  it('checks pass-through headers', () => {
    const result = codes(
      request(
        '{"aps":{}}',
        {
          headers: {
            'apns-priority': '7',
            'apns-expiration': 'tomorrow',
            'X-Custom': '1',
            'X-WNS-Cache-Policy': 'cache',
          },
        },
        'a',
      ),
    );
    expect(result).toEqual([
      'error:nhub.header.apns-priority',
      'error:nhub.header.apns-expiration',
      'warning:nhub.header.not-forwarded',
    ]);
  });

  it('derives X-WNS-Type from the XML root like the Python sample', () => {
    expect(wnsTypeFromXml('<toast><visual/></toast>')).toBe('wns/toast');
    expect(wnsTypeFromXml('<?xml version="1.0"?>\n<tile><visual/></tile>')).toBe('wns/tile');
    expect(wnsTypeFromXml('<badge value="3"/>')).toBe('wns/badge');
    expect(wnsTypeFromXml('<toaster/>')).toBeUndefined();
  });
});

describe('Notification Hubs templates', () => {
  it.each(nhubTemplates.map((t) => [t.id, t] as const))(
    '%s passes preflight with no errors or warnings',
    (_id, template) => {
      const issues = preflightNhub(request(template.payload, template.options, template.target ?? ''));
      expect(issues.filter((i) => i.severity !== 'info')).toEqual([]);
    },
  );
});
