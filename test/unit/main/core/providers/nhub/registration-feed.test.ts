import { describe, expect, it } from 'vitest';
import { parseRegistrationFeed } from '../../../../../../main/core/providers/nhub/registration-feed';

// The Read All Registrations page's shape: an Atom feed, each entry's content one description.
const FEED = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Registrations</title>
  <id>https://ns.servicebus.windows.net/hub/registrations/?api-version=2020-06</id>
  <updated>2026-12-03T12:00:00Z</updated>
  <entry xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" m:etag="W/&quot;3&quot;">
    <id>https://ns.servicebus.windows.net/hub/registrations/8495-1?api-version=2020-06</id>
    <title type="text">8495-1</title>
    <content type="application/xml">
      <AppleRegistrationDescription xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect">
        <ExpirationTime>9999-12-31T23:59:59.9999999Z</ExpirationTime>
        <RegistrationId>8495-1</RegistrationId>
        <ETag>3</ETag>
        <Tags>sports,$InstallationId:{inst-1},user:alice</Tags>
        <DeviceToken>00FC13ADFF785122B4AD28809A3420982341241421348097878E577C991DE8F0</DeviceToken>
      </AppleRegistrationDescription>
    </content>
  </entry>
  <entry>
    <id>https://ns.servicebus.windows.net/hub/registrations/8495-2?api-version=2020-06</id>
    <title type="text">8495-2</title>
    <content type="application/xml">
      <a:WindowsTemplateRegistrationDescription xmlns:a="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect">
        <a:RegistrationId>8495-2</a:RegistrationId>
        <a:Tags>news &amp; more</a:Tags>
        <a:ChannelUri>https://db5.notify.windows.com/?token=AwYAAAB%2b</a:ChannelUri>
        <a:BodyTemplate><![CDATA[<toast><visual><binding template="ToastText01"><text id="1">$(msg)</text></binding></visual></toast>]]></a:BodyTemplate>
        <a:TemplateName>toast-en</a:TemplateName>
      </a:WindowsTemplateRegistrationDescription>
    </content>
  </entry>
</feed>`;

describe('parseRegistrationFeed', () => {
  it('flattens each description: platform, handle, tags, installation, template', () => {
    const [apple, windows] = parseRegistrationFeed(FEED);
    expect(apple).toEqual({
      registrationId: '8495-1',
      kind: 'Apple',
      platform: 'apple',
      handle: '00FC13ADFF785122B4AD28809A3420982341241421348097878E577C991DE8F0',
      tags: ['sports', '$InstallationId:{inst-1}', 'user:alice'],
      templateName: null,
      bodyTemplate: null,
      expirationTime: '9999-12-31T23:59:59.9999999Z',
      etag: '3',
      installationId: 'inst-1',
    });
    expect(windows).toMatchObject({
      kind: 'WindowsTemplate',
      platform: 'windows',
      handle: 'https://db5.notify.windows.com/?token=AwYAAAB%2b',
      tags: ['news & more'],
      templateName: 'toast-en',
      bodyTemplate: expect.stringContaining('<text id="1">$(msg)</text>'),
      installationId: null,
    });
  });

  it('an empty feed is no registrations; text that is not a feed is an error with a reason', () => {
    expect(parseRegistrationFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')).toEqual([]);
    expect(parseRegistrationFeed('<feed xmlns="http://www.w3.org/2005/Atom"/>')).toEqual([]);
    expect(() => parseRegistrationFeed('<Error><Code>500</Code></Error>')).toThrow(/not an Atom feed/);
    expect(() => parseRegistrationFeed('<feed><entry></feed>')).toThrow(/not well-formed XML/);
  });

  it('keeps a handle of digits as text (no number parsing)', () => {
    const xml = FEED.replace(/<DeviceToken>[^<]+/, '<DeviceToken>0012345678901234567890');
    expect(parseRegistrationFeed(xml)[0]!.handle).toBe('0012345678901234567890');
  });
});
