import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Delivery } from '../../main/emulators/common/inbox';
import { adminJson } from '../support/nhub-raw-client';
import { describeWithSystem, missingCommand } from '../support/system';

const ROOT = join(import.meta.dirname, '../..');
const CLI = `node ${join(ROOT, 'bin/push-console.mjs')}`;

/** Every block of docs/emulators.md marked `<!-- tested: NAME -->`, by name, exactly as a reader copies it. */
function docBlocks(): Map<string, string> {
  const doc = readFileSync(join(ROOT, 'docs/emulators.md'), 'utf8');
  const blocks = new Map<string, string>();
  for (const match of doc.matchAll(/<!-- tested: (\S+) -->\n```\w+\n([\s\S]*?)```/g)) blocks.set(match[1]!, match[2]!);
  return blocks;
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Bash in `cwd`, as its own process group; `background` leaves it running (the start block's `&`). */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 20_000) {
  const child = spawn('bash', ['-c', script], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  let exited = false;
  const done = new Promise<Run>((resolve) =>
    child.on('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      resolve({ code, out, err });
    }),
  );
  return { pid: child.pid!, done, exited: () => exited };
}

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface PortFile {
  apns: string;
  production: { apns: string };
  channels: { apns: string };
  fcm: { baseUrl: string; tokenUri: string };
  wns: { baseUrl: string; tokenUrl: string };
  webpush: { baseUrl: string };
  nhub: { baseUrl: string };
  admin: Record<'apns' | 'fcm' | 'wns' | 'webpush' | 'nhub', string>;
  caPem: string;
  caFile: string;
  pid: number;
  startedAt: string;
}

const missing = missingCommand('jq', 'jq') ?? missingCommand('curl', 'curl');

// docs/emulators.md's recipes, run as written: the start block starts the built CLI with
// --port-file, the env block gives each recipe NODE_EXTRA_CA_CERTS, each SDK recipe runs as its
// own Node process, and every send is checked in the emulators' own inboxes.
describeWithSystem('docs/emulators.md: every recipe runs as written', missing, () => {
  const blocks = docBlocks();
  const block = (name: string) => {
    const text = blocks.get(name);
    expect(text, `docs/emulators.md has a block marked "tested: ${name}"`).toBeDefined();
    return text!;
  };
  let dir: string;
  let group: number;
  let env: PortFile;
  const portFile = () => join(dir, 'emulators.json');
  const shellEnv = () => ({ ...process.env, PUSH_CONSOLE_DATA_DIR: join(dir, 'data'), NODE_EXTRA_CA_CERTS: '' });

  const start = async (): Promise<PortFile> => {
    const script = block('start').replaceAll('npx push-console', CLI);
    const started = bash(script, dir, shellEnv());
    group = started.pid;
    const run = await started.done;
    expect(run.code, run.err).toBe(0);
    // The block's own wait loop ended: the file is there and whole.
    expect(existsSync(portFile()), `${run.out}\n${run.err}`).toBe(true);
    return JSON.parse(readFileSync(portFile(), 'utf8')) as PortFile;
  };
  const stop = async () => {
    process.kill(-group, 'SIGTERM');
    await until('the emulators to stop', () => !groupAlive(group));
  };
  /** One recipe with the env block before it, as a CI step would run them; each stdout line is JSON. */
  const recipe = async (name: string): Promise<Array<Record<string, unknown>>> => {
    const command = name.endsWith('.mjs') ? `node ${name}` : block(name);
    const run = await bash(`set -e\n${block('env')}\n${command}`, dir, shellEnv()).done;
    expect(run.code, `${name}: ${run.err}`).toBe(0);
    return run.out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };
  const inbox = async (provider: keyof PortFile['admin'], device?: string): Promise<Delivery[]> => {
    const query = device === undefined ? '' : `?device=${encodeURIComponent(device)}`;
    const answer = await adminJson(env.admin[provider], env.caPem, 'GET', `/__admin/inbox${query}`);
    expect(answer.status).toBe(200);
    return answer.json as Delivery[];
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pc-recipes-'));
    // The recipes import the SDKs as a project with them installed would.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    for (const [name, text] of blocks) if (name.endsWith('.mjs')) writeFileSync(join(dir, name), text);
    env = await start();
  }, 30_000);
  afterAll(async () => {
    if (group && groupAlive(group)) await stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });

  it('the port file names every service, admin API, the APNs production host and the CA', () => {
    const url = /^https:\/\/127\.0\.0\.1:\d+$/;
    for (const value of [env.apns, env.production.apns, env.fcm.baseUrl, env.wns.baseUrl, env.webpush.baseUrl]) {
      expect(value).toMatch(url);
    }
    expect(env.nhub.baseUrl).toMatch(url);
    expect(Object.keys(env.admin).sort()).toEqual(['apns', 'fcm', 'nhub', 'webpush', 'wns']);
    for (const value of Object.values(env.admin)) expect(value).toMatch(url);
    expect(env.channels.apns).toMatch(url);
    expect(new Set([env.apns, env.production.apns, env.admin.apns, env.channels.apns]).size).toBe(4);
    expect(readFileSync(env.caFile, 'utf8')).toBe(env.caPem);
  });

  it('@parse/node-apn sends to the sandbox and the production host', async () => {
    const lines = await recipe('node-apn.mjs');
    expect(lines.map((line) => [line['environment'], line['sent'], line['failed']])).toEqual([
      ['sandbox', 1, []],
      ['production', 1, []],
    ]);
    for (const line of lines) {
      const [delivery] = await inbox('apns', String(line['token']));
      expect(JSON.parse(delivery!.payload)).toEqual({ aps: { alert: `Hello from node-apn (${line['environment']})` } });
    }
  });

  it('firebase-admin sends through the emulator with a token from its token_uri', async () => {
    const [line, live] = await recipe('firebase-admin.mjs');
    expect(line!['name']).toMatch(/^projects\/my-project\/messages\/0:/);
    const [delivery] = await inbox('fcm', String(line!['token']));
    expect(JSON.parse(delivery!.payload)).toMatchObject({ notification: { title: 'Hello from firebase-admin' } });
    // The Live Activity message went on to the APNs emulator's activity, saying it came through FCM.
    expect(live!['live']).toMatch(/^projects\/my-project\/messages\/0:/);
    const [update] = await inbox('apns', String(live!['activity']));
    expect(update!.details).toMatchObject({ via: 'fcm', name: live!['live'] });
    expect(JSON.parse(update!.payload)).toMatchObject({
      aps: { event: 'update', 'content-state': { status: 'On the way' } },
    });
  });

  it('web-push sends to an emulator subscription, decrypted in its inbox', async () => {
    const [line] = await recipe('web-push.mjs');
    expect(line!['statusCode']).toBe(201);
    const [delivery] = await inbox('webpush', String(line!['id']));
    expect(JSON.parse(delivery!.payload)).toEqual({ title: 'Hello from web-push' });
  });

  it('@azure/notification-hubs: direct sends on every platform, tags, a test send, a template, installations, $batch, a schedule', async () => {
    const lines = await recipe('notification-hubs.mjs');
    const direct = lines.filter((line) => 'direct' in line);
    expect(direct.map((line) => line['direct'])).toEqual(['apple', 'fcmv1', 'windows', 'browser']);
    for (const line of direct) expect(line['notificationId']).toMatch(/^[0-9a-f]{32}$/);
    const test = lines.find((line) => 'test' in line)!['test'] as {
      success: number;
      failure: number;
      results: Array<{ pnsHandle: string; outcome: string }>;
    };
    const handles = lines.at(-1) as { apple: string; apple2: string; fcm: string; windows: string; browser: string };
    expect(test.success).toBe(1);
    expect(test.failure).toBe(1);
    const outcomes = new Map(test.results.map((r) => [r.pnsHandle, r.outcome]));
    expect(Object.fromEntries(outcomes)).toEqual({
      ['ab'.repeat(32)]: 'The Push Notification System handle for the registration is invalid',
      [handles.apple]: 'The Notification was successfully sent to the Push Notification System',
    });

    // Each reached its PNS emulator's inbox through the hub; the handle APNs never issued did not.
    const viaHub = (list: Delivery[], handle: string) =>
      list.filter((d) => d.details?.['via'] === 'nhub' && d.details['handle'] === handle).map((d) => d.payload);
    expect(viaHub(await inbox('apns'), handles.apple)).toEqual([
      '{"aps":{"alert":"Hello, apple"}}',
      '{"aps":{"alert":"Order shipped"}}',
      '{"aps":{"alert":"Order shipped"}}',
      '{"aps":{"alert":"Hello from a template"}}',
      '{"aps":{"alert":"To both"}}',
    ]);
    expect(viaHub(await inbox('apns'), handles.apple2)).toEqual(['{"aps":{"alert":"To both"}}']);
    expect(viaHub(await inbox('apns'), 'ab'.repeat(32))).toEqual([]);
    expect(viaHub(await inbox('webpush'), handles.browser)).toEqual(['{"title":"Hello, browser"}']);

    // The installation and the SDK's registration, listed by their tag as the SDK reads them.
    expect(lines.filter((line) => 'listed' in line)).toEqual([
      { listed: 'Windows', tags: ['news'] },
      { listed: 'FcmV1', tags: ['news', '$InstallationId:{phone-1}'] },
    ]);
    // The tag send reached each; the installation by its FCM token.
    const toasts = viaHub(await inbox('wns'), handles.windows);
    expect(toasts).toHaveLength(2);
    expect(toasts[1]).toContain('<text>News</text>');

    // The scheduled one arrives a second later; the cancelled one, due at the same moment, never does.
    const scheduled = lines.find((line) => 'scheduled' in line)!;
    expect(scheduled['scheduled']).toMatch(/^[0-9a-f]{32}$/);
    expect(scheduled['cancelled']).toMatch(/^[0-9a-f]{32}$/);
    const title = (payload: string) =>
      (JSON.parse(payload) as { message: { notification: { title: string } } }).message.notification.title;
    let fcmTitles: string[] = [];
    const deadline = Date.now() + 10_000;
    while (!fcmTitles.includes('Scheduled') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      fcmTitles = viaHub(await inbox('fcm'), handles.fcm).map(title);
    }
    // Timers due at one moment fire together: a short grace covers the cancelled one's delivery.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(viaHub(await inbox('fcm'), handles.fcm).map(title)).toEqual(['Hello, fcmv1', 'News', 'Scheduled']);
    expect((await inbox('nhub')).map((d) => d.details?.['platform'])).toEqual([
      ...['apple', 'fcmv1', 'windows', 'browser'],
      ...['apple', 'apple', 'apple'],
      ...['fcmv1', 'windows'],
      ...['apple', 'apple'],
      'fcmv1',
    ]);
  });

  it('curl reaches APNs with a certificate and WNS with its OAuth token', async () => {
    const run = await bash(`set -e\n${block('curl.sh')}`, dir, shellEnv()).done;
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('apns 200\n["{\\"aps\\":{\\"alert\\":\\"Hello from curl\\"}}"]\nwns 200\n');
  });

  it('curl creates an APNs broadcast channel, subscribes two activities and broadcasts to both', async () => {
    const run = await bash(`set -e\n${block('broadcast.sh')}`, dir, shellEnv()).done;
    expect(run.code, run.err).toBe(0);
    expect(run.out).toBe('broadcast 200\n2\n');
  });

  it('a restart with the same --state keeps the URLs, keys, devices and registrations, and the port file goes with them', async () => {
    const lists = async () => {
      const out: Record<string, unknown> = {};
      for (const provider of Object.keys(env.admin) as Array<keyof PortFile['admin']>) {
        for (const path of ['/__admin/devices', '/__admin/credentials']) {
          const answer = await adminJson(env.admin[provider], env.caPem, 'GET', path);
          expect(answer.status, `${provider} ${path}`).toBe(200);
          out[`${provider} ${path}`] = answer.json;
        }
      }
      return out;
    };
    const before = await lists();
    expect((before['wns /__admin/devices'] as unknown[]).length).toBeGreaterThan(0);
    await stop();
    expect(existsSync(portFile())).toBe(false);

    const again = await start();
    const urls = ({ pid: _pid, startedAt: _at, ...rest }: PortFile) => rest;
    expect(urls(again)).toEqual(urls(env));
    env = again;
    // WNS channel URIs and Web Push endpoints name their port: the same lists mean they still work.
    expect(await lists()).toEqual(before);
  }, 30_000);
});

/** A port the OS just handed out and took back, for a listener the test fixes with --ports. */
async function freePort(): Promise<number> {
  const server = await listening();
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function listening(): Promise<Server> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describeWithSystem('emulators start --ports', null, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-ports-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));
  const env = () => ({ ...process.env, PUSH_CONSOLE_DATA_DIR: join(dir, 'data') });

  it('listens on the ports asked for, even one another listener had last time; --json prints the port file', async () => {
    const nhub = await freePort();
    // Last time FCM had the port NH is asked for now: FCM, which starts first, must take another.
    writeFileSync(join(dir, 'last-ports.json'), JSON.stringify({ fcm: nhub }));
    const run = bash(
      `mkdir -p st && cp last-ports.json st/ports.json && ` +
        `${CLI} emulators start --only fcm,nhub --ports nhub=${nhub} --port-file pf.json --state st --json`,
      dir,
      env(),
    );
    let written = '';
    try {
      await until('the port file', () => existsSync(join(dir, 'pf.json')) || run.exited());
      expect(run.exited(), (await Promise.race([run.done, Promise.resolve(null)]))?.err).toBe(false);
      written = readFileSync(join(dir, 'pf.json'), 'utf8');
      const parsed = JSON.parse(written) as PortFile;
      expect(parsed.nhub.baseUrl).toBe(`https://127.0.0.1:${nhub}`);
      expect(parsed.fcm.baseUrl).not.toBe(`https://127.0.0.1:${nhub}`);
    } finally {
      if (groupAlive(run.pid)) process.kill(-run.pid, 'SIGTERM');
    }
    const { out } = await run.done;
    expect(out).toBe(written);
    expect(existsSync(join(dir, 'pf.json'))).toBe(false);
  });

  it('a port in use stops the start with a sentence naming the port and the emulator', async () => {
    const taken = await listening();
    const port = (taken.address() as AddressInfo).port;
    try {
      const ask = (only: string, ports: string) =>
        bash(`${CLI} emulators start --only ${only} --ports ${ports} --port-file busy.json --state st2`, dir, env())
          .done;
      const production = await ask('apns', `apns=${await freePort()},apns-production=${port}`);
      expect(production.code).toBe(1);
      expect(production.err).toBe(
        `push-console: Port ${port} is already in use, so the APNs emulator (production) cannot listen on it.\n` +
          `  Stop the program using port ${port}, or give apns-production another port.\n`,
      );
      const wns = await ask('wns', `wns=${port}`);
      expect(wns.code).toBe(1);
      expect(wns.err).toContain(`Port ${port} is already in use, so the WNS emulator cannot listen on it.`);
      expect(existsSync(join(dir, 'busy.json'))).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
