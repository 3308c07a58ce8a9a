#!/usr/bin/env node
// `npm start`: build if the sources changed, then launch Electron. When Electron's binary is
// missing or cannot start here, say so in one line and start browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_V8_FLAGS } from './core-v8-flags.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The platforms Electron publishes binaries for (its releases page); elsewhere, browser mode it is.
const ELECTRON_BUILDS = {
  darwin: ['x64', 'arm64'],
  win32: ['x64', 'arm64', 'ia32'],
  linux: ['x64', 'arm64', 'arm'],
};
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const passThrough = args.filter((arg) => arg !== '--browser');
// `npm start --ephemeral-secrets` (without `--`) reaches us only as npm's config variable; honour
// it rather than start silently without it. `npm start -- --ephemeral-secrets` and
// PUSH_CONSOLE_EPHEMERAL_SECRETS=1 arrive as they are.
if (/^(1|true)$/.test(process.env.npm_config_ephemeral_secrets ?? '') && !passThrough.includes('--ephemeral-secrets')) {
  passThrough.push('--ephemeral-secrets');
}

buildIfNeeded();
if (browserOnly) {
  startBrowserMode();
} else {
  const binary = electronBinary();
  if (!binary.path) {
    const how = binary.how ? ` ${binary.how}.` : '';
    console.log(`Electron's binary is not available here (${binary.why}); starting browser mode instead.${how}`);
    startBrowserMode();
  } else {
    launchElectron(binary.path);
  }
}

function buildIfNeeded() {
  const stamp = join(root, 'out', '.build-stamp');
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const sources = ['main', 'preload', 'renderer', 'shared', 'package.json', 'vite.config.ts'];
  if (built > 0 && sources.every((source) => newestMtime(join(root, source)) <= built)) return;
  console.log('Building Push Console…');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see the errors above.');
    process.exit(result.status ?? 1);
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Where Electron's binary would be, without triggering its download-on-first-launch. */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { path: null, why: 'the electron package is not installed' };
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const full = join(override, relative ?? 'electron');
    return existsSync(full) ? { path: full } : { path: null, why: `no binary at ${full}` };
  }
  if (!relative) return { path: null, why: 'it was never downloaded', how: howToGetElectron(pkg) };
  const full = join(pkg, 'dist', relative);
  return existsSync(full) ? { path: full } : { path: null, why: `no binary at ${full}` };
}

/** How to fetch the binary here (which npm skips with --ignore-scripts), or that none exists for this machine. */
function howToGetElectron(pkg) {
  const { platform, arch } = process;
  if (!ELECTRON_BUILDS[platform]?.includes(arch))
    return `Electron publishes no binary for ${platform}-${arch}, so none can be had`;
  const needs = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).engines?.node;
  const minimum = needs && /(\d+)\.(\d+)/.exec(needs);
  const [major, minor] = process.versions.node.split('.').map(Number);
  const tooOld =
    minimum && (major < Number(minimum[1]) || (major === Number(minimum[1]) && minor < Number(minimum[2])));
  const node = tooOld ? ` with Node ${minimum[1]}.${minimum[2]} or later (this is ${process.version})` : '';
  return `To get it, run "node node_modules/electron/install.js"${node}`;
}

function launchElectron(binary) {
  const child = spawn(
    binary,
    [`--js-flags=${CORE_V8_FLAGS.join(' ')}`, join(root, 'out', 'main', 'electron.mjs'), ...passThrough],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
    },
  );
  let early = true;
  let stderr = '';
  const settled = setTimeout(() => {
    early = false;
    process.stderr.write(stderr);
  }, 4000);
  child.stderr.on('data', (chunk) => {
    if (early) stderr += chunk;
    else process.stderr.write(chunk);
  });
  const fallBack = (why) => {
    clearTimeout(settled);
    console.log(`Electron could not start here (${why}); starting browser mode instead.`);
    startBrowserMode();
  };
  child.on('error', (error) => fallBack(error.code ?? error.message));
  child.on('exit', (code, signal) => {
    if (early && code !== 0) {
      const first = stderr.split('\n').find((line) => line.trim()) ?? `exit code ${code ?? signal}`;
      return fallBack(first.trim().slice(0, 160));
    }
    clearTimeout(settled);
    process.exit(code ?? 0);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

function startBrowserMode() {
  const child = spawn(
    process.execPath,
    [...CORE_V8_FLAGS, join(root, 'out', 'main', 'cli.cjs'), 'serve', ...passThrough],
    {
      stdio: 'inherit',
    },
  );
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
