import { describe, expect, it } from 'vitest';
import { createNhubProvider } from '../../main/core/providers/nhub';
import { signSas } from '../../main/core/providers/nhub/sas';
import { HUB, KEY, NAMESPACE, nhubCredential as credential, useLocalHub } from '../support/nhub-harness';

describe('Notification Hubs emulator SAS verification, through the real client and transport', () => {
  const harness = useLocalHub();
  const { ca, request, send } = harness;

  describe('SAS rules', () => {
    it('401 ExpiredToken for a token past its expiry, then a fresh one after invalidation', async () => {
      let now = Date.now() - 3 * 3600_000;
      const skewed = createNhubProvider({ now: () => now });
      const expired = await send(request({}, '{"aps":{}}', 'a'), credential('skew'), skewed);
      expect(expired).toMatchObject({ outcome: 'rejected', status: 401, reason: 'ExpiredToken' });
      expect(expired.explanation).toContain('expiry');
      now = Date.now();
      const again = await send(request({}, '{"aps":{}}', 'a'), credential('skew'), skewed);
      expect(again.outcome).toBe('accepted');
      expect((again.details?.['sas'] as { reused: boolean }).reused).toBe(false);
    });

    it('401 InvalidSignature for a wrong key (the key is not base64-decoded by either side)', async () => {
      const wrong = await send(
        request({}, '{"aps":{}}', 'a'),
        credential('wrong', { key: Buffer.from(KEY, 'base64').toString('latin1') }),
      );
      expect(wrong).toMatchObject({ status: 401, reason: 'InvalidSignature' });
    });

    it('401 UnknownKeyName, 401 InsufficientRights, 400 InvalidAudience, 404 HubNotFound', async () => {
      expect(await send(request({}, '{}', 'a'), credential('kn', { keyName: 'NoSuchRule' }))).toMatchObject({
        status: 401,
        reason: 'UnknownKeyName',
      });
      expect(
        await send(
          request({}, '{}', 'a'),
          credential('listen', { keyName: 'DefaultListenSharedAccessSignature', key: 'listen-key' }),
        ),
      ).toMatchObject({ status: 401, reason: 'InsufficientRights' });
      expect(
        await send(request({}, '{}', 'a'), credential('ns', { endpoint: 'sb://other-ns.servicebus.windows.net/' })),
      ).toMatchObject({ status: 400, reason: 'InvalidAudience' });
      harness.emulator.registerCredential({
        namespace: NAMESPACE,
        hub: 'OtherHub',
        keyName: 'OtherHubRule',
        key: 'other-key',
      });
      const otherRule = await send(
        request({}, '{}', 'a'),
        credential('other', { keyName: 'OtherHubRule', key: 'other-key' }),
      );
      expect(otherRule).toMatchObject({ status: 401, reason: 'InvalidAudience' });
      expect((otherRule.details as { detail: string }).detail).toContain('belongs to hub OtherHub');
      const onOther = await send(
        request({}, '{}', 'a'),
        credential('other2', { keyName: 'OtherHubRule', key: 'other-key', hubName: 'OtherHub' }),
      );
      expect(onOther.outcome).toBe('accepted');
      const hub = await send(request({}, '{}', 'a'), credential('hub', { hubName: 'NoSuchHub' }));
      expect(hub).toMatchObject({ status: 404, reason: 'HubNotFound', outcome: 'rejected' });
      expect(hub.hint).toContain('hub name');
    });

    async function raw(
      headers: Record<string, string>,
      path = `/${HUB}/messages/?api-version=2020-06`,
      body = '{"aps":{}}',
    ) {
      const response = await harness.transport.request({
        url: `${harness.emulator.baseUrl}${path}`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'ServiceBusNotification-Format': 'apple', ...headers },
        body,
        tls: { ca: ca.certPem },
      });
      return { status: response.status, body: response.body.toString('utf8') };
    }
    const se = () => Math.floor(Date.now() / 1000) + 600;

    it('verifies the HMAC over the raw sr: .NET (http, messages/) and JS (namespace root) forms pass, other hubs do not', async () => {
      const dotnet = encodeURIComponent(`http://${NAMESPACE}/${HUB}/messages/`.toLowerCase());
      const js = encodeURIComponent(`https://${NAMESPACE}/`);
      for (const sr of [dotnet, js]) {
        const token = signSas(sr, se(), 'DefaultFullSharedAccessSignature', KEY).token;
        expect((await raw({ Authorization: token })).status).toBe(201);
      }
      const otherHub = signSas(
        encodeURIComponent(`https://${NAMESPACE}/otherhub`),
        se(),
        'DefaultFullSharedAccessSignature',
        KEY,
      ).token;
      expect(await raw({ Authorization: otherHub })).toMatchObject({
        status: 401,
        body: expect.stringContaining('InvalidAudience'),
      });
      const prefix = signSas(
        encodeURIComponent(`https://${NAMESPACE}/${HUB.slice(0, 4)}`),
        se(),
        'DefaultFullSharedAccessSignature',
        KEY,
      ).token;
      expect((await raw({ Authorization: prefix })).status).toBe(401);
      // Same sr text, re-encoded differently: the signature no longer matches the raw string.
      const signed = signSas(dotnet, se(), 'DefaultFullSharedAccessSignature', KEY);
      const tampered = signed.token.replace(`sr=${dotnet}`, `sr=${dotnet.toUpperCase()}`);
      expect(await raw({ Authorization: tampered })).toMatchObject({
        status: 401,
        body: expect.stringContaining('InvalidSignature'),
      });
    });

    it('401 MissingToken and MalformedToken with Service Bus XML bodies', async () => {
      const missing = await raw({});
      expect(missing.status).toBe(401);
      expect(missing.body).toMatch(
        /^<Error><Code>401<\/Code><Detail>MissingToken: .* TrackingId:[0-9a-f-]+,TimeStamp:.+<\/Detail><\/Error>$/,
      );
      expect(await raw({ Authorization: 'Bearer abc' })).toMatchObject({
        status: 401,
        body: expect.stringContaining('MalformedToken'),
      });
    });

    it('400 for a bad format, content type, api-version or test with direct', async () => {
      const token = () =>
        signSas(encodeURIComponent(`https://${NAMESPACE}/`), se(), 'DefaultFullSharedAccessSignature', KEY).token;
      expect(await raw({ Authorization: token(), 'ServiceBusNotification-Format': 'windowsphone' })).toMatchObject({
        status: 400,
        body: expect.stringContaining('InvalidFormat'),
      });
      expect(await raw({ Authorization: token(), 'Content-Type': 'text/plain' })).toMatchObject({
        status: 400,
        body: expect.stringContaining('InvalidContentType'),
      });
      expect((await raw({ Authorization: token() }, `/${HUB}/messages/?api-version=2011-01`)).status).toBe(400);
      expect((await raw({ Authorization: token() }, `/${HUB}/messages/?api-version=2015-01`)).status).toBe(201);
      expect((await raw({ Authorization: token() }, `/${HUB}/messages/?api-version=2013-10`)).status).toBe(201);
      const directTest = await raw(
        { Authorization: token(), 'ServiceBusNotification-DeviceHandle': 'AB' },
        `/${HUB}/messages/?direct&api-version=2020-06&test`,
      );
      expect(directTest.status).toBe(400);
      const noHandle = await raw({ Authorization: token() }, `/${HUB}/messages/?direct&api-version=2020-06`);
      expect(noHandle).toMatchObject({ status: 400, body: expect.stringContaining('MissingDeviceHandle') });
    });
  });
});
