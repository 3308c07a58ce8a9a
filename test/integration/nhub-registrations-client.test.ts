import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { installationPatch } from '../../shared/providers/nhub/installation-patch';
import { NhubRegistrationsClient, type ManagementContext } from '../../main/core/providers/nhub/registrations';
import { SasTokenCache } from '../../main/core/providers/nhub/sas';
import { KEY, nhubCredential, useLocalHub } from '../support/nhub-harness';

const TOKEN = (n: number) => n.toString(16).padStart(2, '0').repeat(32).toUpperCase();

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string; hint?: string }> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, hint: error.hint };
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The console's registration client against the local hub's REST surface, as against a real one. */
describe('Notification Hubs registrations client against the emulator', () => {
  const hub = useLocalHub();
  const client = new NhubRegistrationsClient(new SasTokenCache());
  const ctx = (credential = nhubCredential('nh')): ManagementContext => ({
    transport: hub.transport,
    credential,
    local: hub.local,
  });

  it('lists by tag a page at a time, following X-MS-ContinuationToken to the end', async () => {
    // Registrations as an app makes them (the emulator's admin API; installations are read by id).
    for (let i = 0; i < 5; i++) {
      hub.emulator.createRegistration({
        hub: 'TestHub',
        platform: 'apple',
        handle: TOKEN(i + 1),
        tags: ['paged', `n${i}`],
        installationId: `paged-${i}`,
      });
    }
    hub.emulator.createRegistration({
      hub: 'TestHub',
      platform: 'fcmv1',
      tags: ['elsewhere'],
      installationId: 'other',
    });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.list(ctx(), { filter: { by: 'tag', tag: 'paged' }, top: 2, continuationToken: token });
      expect(page.registrations.length).toBeLessThanOrEqual(2);
      for (const row of page.registrations) {
        expect(row.tags).toContain('paged');
        expect(row.platform).toBe('apple');
        seen.push(row.installationId ?? `?${row.registrationId}`);
      }
      token = page.continuationToken ?? undefined;
      pages++;
    } while (token && pages < 10);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['paged-0', 'paged-1', 'paged-2', 'paged-3', 'paged-4']);

    const all = await client.list(ctx(), { filter: { by: 'all' }, top: 100 });
    expect(all.registrations.map((r) => r.installationId).sort()).toEqual([
      'other',
      'paged-0',
      'paged-1',
      'paged-2',
      'paged-3',
      'paged-4',
    ]);
    expect(all.continuationToken).toBeNull();
    // By handle: the lower-case token the app has is found (DeviceToken is compared upper-case).
    const byHandle = await client.list(ctx(), { filter: { by: 'handle', handle: TOKEN(3).toLowerCase() }, top: 10 });
    expect(byHandle.registrations.map((r) => r.installationId)).toEqual(['paged-2']);
  });

  it('puts, reads, patches and deletes an installation, with its templates and tags', async () => {
    const before = {
      installationId: 'inst-a',
      platform: 'apns' as const,
      pushChannel: TOKEN(9),
      tags: ['sports', 'user:alice'],
      templates: { alert: { body: '{"aps":{"alert":"$(message)"}}', tags: ['en'] } },
    };
    await client.putInstallation(ctx(), before);
    const read = await client.getInstallation(ctx(), 'inst-a');
    expect(read).toMatchObject({ installationId: 'inst-a', platform: 'apns', pushChannel: TOKEN(9) });
    expect([...read.tags].sort()).toEqual(['sports', 'user:alice']);
    expect(read.templates['alert']?.body).toBe('{"aps":{"alert":"$(message)"}}');
    // Listed at once as the hub lists an installation: a native registration and one per template.
    const listed = async (filter: Parameters<typeof client.list>[1]['filter']) =>
      (await client.list(ctx(), { filter, top: 100 })).registrations
        .filter((r) => r.installationId === 'inst-a')
        .map((r) => [r.kind, r.templateName, [...r.tags].sort().join(' ')]);
    expect(await listed({ by: 'all' })).toEqual([
      ['Apple', null, '$InstallationId:{inst-a} sports user:alice'],
      ['AppleTemplate', 'alert', '$InstallationId:{inst-a} en sports user:alice'],
    ]);
    expect(await listed({ by: 'tag', tag: 'en' })).toEqual([
      ['AppleTemplate', 'alert', '$InstallationId:{inst-a} en sports user:alice'],
    ]);
    expect(await listed({ by: 'handle', handle: TOKEN(9).toLowerCase() })).toHaveLength(2);

    const after = {
      ...before,
      tags: ['sports', 'news'],
      templates: { ...before.templates, badge: { body: '{"aps":{"badge":"$(count)"}}' } },
    };
    const operations = installationPatch(read, after)!;
    expect(operations.length).toBeGreaterThan(0);
    await client.patchInstallation(ctx(), 'inst-a', operations);
    const patched = await client.getInstallation(ctx(), 'inst-a');
    expect([...patched.tags].sort()).toEqual(['news', 'sports']);
    expect(Object.keys(patched.templates).sort()).toEqual(['alert', 'badge']);

    expect(patched.templates['badge']?.body).toBe('{"aps":{"badge":"$(count)"}}');

    expect(await listed({ by: 'tag', tag: 'news' })).toEqual([
      ['Apple', null, '$InstallationId:{inst-a} news sports'],
      ['AppleTemplate', 'alert', '$InstallationId:{inst-a} en news sports'],
      ['AppleTemplate', 'badge', '$InstallationId:{inst-a} news sports'],
    ]);

    await client.deleteInstallation(ctx(), 'inst-a');
    expect(await listed({ by: 'all' })).toEqual([]);
    const gone = await refusal(client.getInstallation(ctx(), 'inst-a'));
    expect(gone).toMatchObject({ code: 'NOT_FOUND', message: 'No installation named "inst-a" in hub "TestHub".' });
  });

  it('deletes a single registration by id', async () => {
    const made = hub.emulator.createRegistration({ hub: 'TestHub', platform: 'fcmv1', tags: ['solo'] });
    const listed = await client.list(ctx(), { filter: { by: 'tag', tag: 'solo' }, top: 10 });
    expect(listed.registrations.map((r) => r.registrationId)).toEqual([made.registrationId]);
    await client.deleteRegistration(ctx(), made.registrationId);
    expect((await client.list(ctx(), { filter: { by: 'tag', tag: 'solo' }, top: 10 })).registrations).toEqual([]);
    const again = await refusal(client.deleteRegistration(ctx(), made.registrationId));
    expect(again.message).toBe(`No registration named "${made.registrationId}" in hub "TestHub".`);
  });

  it('says in words when the key is wrong or has no Manage right', async () => {
    const wrong = nhubCredential('wrong', { key: `${KEY}x` });
    const refused = await refusal(client.list(ctx(wrong), { filter: { by: 'all' }, top: 5 }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/^This key \("DefaultFullSharedAccessSignature"\) has no Listen\/Manage right/);
    expect(refused.message).not.toMatch(/TrackingId/);

    const listen = nhubCredential('listen', { keyName: 'DefaultListenSharedAccessSignature', key: 'listen-key' });
    const listOnly = await refusal(client.list(ctx(listen), { filter: { by: 'all' }, top: 5 }));
    expect(listOnly.message).toMatch(/"DefaultListenSharedAccessSignature"\) has no Listen\/Manage right to list/);
    expect(listOnly.hint).toMatch(/Manage/);
  });

  it('records every call as an nhub exchange with the SAS token redacted', async () => {
    await client.list(ctx(), { filter: { by: 'tag', tag: 'x' }, top: 3 });
    await refusal(client.getInstallation(ctx(), 'missing'));
    const mine = hub.exchanges.filter((x) => x.provider === 'nhub');
    expect(mine.map((x) => `${x.method} ${new URL(x.url).pathname}`)).toEqual([
      'GET /TestHub/tags/x/registrations',
      'GET /TestHub/installations/missing',
    ]);
    const text = JSON.stringify(mine);
    expect(text).not.toContain(KEY);
    expect(text).not.toMatch(/sig=[A-Za-z0-9%]{20,}/);
  });
});
