#!/usr/bin/env node
// Browser mode as a user meets it, in Debian's Chromium: how soon the app is drawn after `serve`
// prints its address, and a 20,000-target bulk send started from the Devices screen (emulators in
// the app's process) against the same send made by `push-console bulk` to the same emulators.
// Runs in a private keychain session, so the CLI reads the credential the app stored. Bars from DESIGN.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { reRunInSession, startKeyring } from '../../scripts/keychain-session.mjs';
import { bundle, root } from './bundle.mjs';
import { SANDBOX_APNS_FLAGS } from './sandbox-flags.mjs';

const ROUNDS = Number(process.env.BENCH_APP_ROUNDS ?? 5);
const TOTAL = Number(process.env.BENCH_APP_BULK ?? 20_000);
const CHROMIUM = '/usr/bin/chromium';

reRunInSession('PUSH_CONSOLE_BENCH_SESSION');
const scratch = mkdtempSync(join(tmpdir(), 'pc-bench-app-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const keyring = startKeyring(scratch, 'PUSH_CONSOLE_BENCH_SESSION');
if (!keyring || !existsSync(CHROMIUM)) {
  console.log('App bench: needs dbus-run-session, gnome-keyring-daemon and /usr/bin/chromium; not measured.');
  process.exit(1);
}
const dirs = { PUSH_CONSOLE_DATA_DIR: join(scratch, 'data-dir'), PUSH_CONSOLE_WORKSPACE: join(scratch, 'workspace') };
const env = { ...keyring, ...dirs };
const { load } = await bundle('bench-app', { serve: 'test/support/serve.ts', providers: 'shared/providers/index.ts' });
const { startServed } = await load('serve');
const { PROVIDER_SPECS } = await load('providers');
const bin = join(root, 'bin/push-console.mjs');
const serve = () => startServed([bin, 'serve'], env, { dataDir: dirs.PUSH_CONSOLE_DATA_DIR });

// The flags the e2e tests use (Playwright's own browser download cannot work here).
const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [...args, '--disable-component-update', '--disable-sync'],
});
process.on('exit', () => void browser.close());

/** One start: from the address printed to the app's frame drawn, and to the first contentful paint. */
async function firstPaint() {
  const app = await serve();
  const printed = Date.now();
  const page = await browser.newPage();
  try {
    await page.goto(app.url);
    await page.getByTestId('app-frame').waitFor();
    const drawn = Date.now() - printed;
    const fcp = await page.evaluate(() => {
      const entry = performance.getEntriesByName('first-contentful-paint')[0];
      return entry ? performance.timeOrigin + entry.startTime : null;
    });
    return { drawn, fcp: fcp === null ? null : fcp - printed };
  } finally {
    await page.close();
    await app.stop();
  }
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
await firstPaint(); // warms the disk cache and Chromium, as the CLI bench's first round does
const paints = [];
for (let round = 0; round < ROUNDS; round++) paints.push(await firstPaint());
const drawn = median(paints.map((paint) => paint.drawn));
const fcps = paints.map((paint) => paint.fcp).filter((fcp) => fcp !== null);
console.log(`Browser mode, from serve printing its address (median of ${ROUNDS}):`);
console.log(
  `    app frame drawn        ${drawn.toFixed(0).padStart(5)} ms  (least ${Math.min(...paints.map((p) => p.drawn))} ms)`,
);
if (fcps.length) console.log(`    first contentful paint ${median(fcps).toFixed(0).padStart(5)} ms`);

// The bulk: the sandbox set up from the Emulators screen, then the same message to the same
// targets from the Devices screen and from the CLI, each read from the run's own final rate.
const app = await serve();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const targetsFile = join(scratch, 'targets.txt');
writeFileSync(
  targetsFile,
  Array.from({ length: TOTAL }, (_, i) => (0x300000 + i).toString(16).padStart(64, '0')).join('\n'),
);
const draft = PROVIDER_SPECS.apns.starterDraft;
const payloadFile = join(scratch, 'payload.json');
writeFileSync(payloadFile, draft.payload);
const rateOf = (text) => Number(/([\d,]+(?:\.\d+)?)\/s/.exec(text ?? '')?.[1]?.replace(/,/g, '') ?? NaN);

/**
 * The random targets are delivered as registered devices would be: the emulator's
 * registered-devices check is switched off, as the bulk tests do, rather than 20,000 admin calls.
 */
function acceptAnyToken() {
  const local = JSON.parse(readFileSync(join(dirs.PUSH_CONSOLE_DATA_DIR, 'emulators', 'local.json'), 'utf8'));
  return new Promise((resolve, reject) => {
    const put = request(`${local.admin.apns}/__admin/checks`, { method: 'PUT', ca: local.ca }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`checks: ${res.statusCode}`))));
    });
    put.on('error', reject);
    put.end(JSON.stringify({ registeredDevices: false }));
  });
}
let uiRate;
let cliRate;
try {
  await page.goto(app.url);
  await page.getByTestId('app-frame').waitFor();
  await page.keyboard.press('Control+6');
  await page.getByTestId('sandbox-init').click();
  await page.getByTestId('sandbox-steps').waitFor({ timeout: 60_000 });
  await acceptAnyToken();
  await page.keyboard.press('Control+3');
  const toggle = page.getByTestId('bulk-paste');
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  const panel = page.getByTestId('bulk-panel');
  await panel.getByTestId('bulk-file').setInputFiles(targetsFile);
  await panel.locator('h3', { hasText: `Send to ${TOTAL.toLocaleString('en-US')} apns targets` }).waitFor();
  await page.waitForFunction(() => globalThis.document.querySelector('[data-testid=bulk-profile]')?.value);
  await panel.getByTestId('bulk-start').click();
  await page.waitForFunction(
    () => globalThis.document.querySelector('[data-testid=bulk-state]')?.textContent === 'done',
    null,
    {
      timeout: 300_000,
      polling: 100,
    },
  );
  const counts = await panel.getByTestId('bulk-counts').textContent();
  uiRate = rateOf((await panel.getByTestId('bulk-progress').textContent())?.replace(counts ?? '', ''));
  console.log(`  bulk from the Devices screen: ${counts?.trim()}, ${uiRate.toLocaleString('en-US')} targets/s`);

  const cli = spawnSync(
    process.execPath,
    [
      bin,
      'bulk',
      'apns',
      ...SANDBOX_APNS_FLAGS,
      '--priority',
      String(draft.options.priority),
      '--targets',
      targetsFile,
      '--payload',
      payloadFile,
    ],
    { env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
  );
  // Its summary: "20000 targets in 4.5s: 20000 accepted, 0 rejected, 0 failed".
  const summary = /(\d+) targets in ([\d.]+)s: (\d+) accepted[^\n]*/.exec(cli.stdout);
  cliRate = summary ? Number(summary[1]) / Number(summary[2]) : NaN;
  const said = summary?.[0] ?? `exit ${cli.status}: ${(cli.stderr || cli.stdout).slice(0, 400)}`;
  console.log(
    `  the same send by push-console bulk: ${said}, ${Math.round(cliRate).toLocaleString('en-US')} targets/s`,
  );
} finally {
  await page.close();
  await app.stop();
}

const bars = [
  [`browser mode drawn ${drawn.toFixed(0)} ms after serve printed its address (bar ≤ 1,500 ms)`, drawn <= 1500],
  [
    `bulk from the UI ${uiRate.toLocaleString('en-US')}/s = ${(uiRate / cliRate).toFixed(2)} × the CLI's ${cliRate.toLocaleString('en-US')}/s (bar ≥ 0.80)`,
    uiRate >= 0.8 * cliRate,
  ],
];
for (const [text, ok] of bars) console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
// Chromium and the bundler's service would keep this process alive: leave once the bars are out.
await browser.close();
process.exit(bars.every(([, ok]) => ok) ? 0 : 1);
