import Ajv from 'ajv';
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { esbuildOptions } from '../../scripts/build-options.mjs';
import { ROOT } from './serve';

/**
 * The packaging facts a release depends on, checked from electron-builder.yml and package.json
 * before any runner packages anything. Every check returns sentences, so a broken config says
 * what is wrong rather than failing on the first assertion.
 */
export interface Packaging {
  config: Record<string, unknown>;
  pkg: { main?: string; productName?: string; version?: string; scripts?: Record<string, string> };
  root: string;
}

export function loadPackaging(configText = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')): Packaging {
  const config = load(configText) as Record<string, unknown>;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Packaging['pkg'];
  return { config, pkg, root: ROOT };
}

/** Fuses the issue asks for: Node-style back doors shut, the app only from an integrity-checked asar. */
export const EXPECTED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

const REQUIRED_FILES = ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map'];

export async function packagingProblems({ config, pkg, root }: Packaging): Promise<string[]> {
  const problems: string[] = [...schemaProblems(config)];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const section = (name: string) => (config[name] ?? {}) as Record<string, unknown>;

  expect(config['appId'] === 'dev.pushconsole.app', `appId is ${str(config['appId'])}, not dev.pushconsole.app`);
  expect(
    config['productName'] === 'Push Console' && pkg.productName === 'Push Console',
    `productName is ${str(config['productName'])} (package.json: ${str(pkg.productName)}), not Push Console`,
  );
  expect(section('directories')['buildResources'] === 'build', 'directories.buildResources is not build/');
  const files = Array.isArray(config['files']) ? (config['files'] as unknown[]) : [];
  for (const pattern of REQUIRED_FILES) expect(files.includes(pattern), `files does not list ${pattern}`);
  expect(config['asar'] === true, `asar is ${str(config['asar'])}: the app must ship as an asar archive`);

  const fuses = section('electronFuses');
  for (const [fuse, value] of Object.entries(EXPECTED_FUSES)) {
    expect(fuses[fuse] === value, `fuse ${fuse} is ${str(fuses[fuse])}, not ${value}`);
  }

  const entry = section('extraMetadata')['main'];
  expect(entry === pkg.main, `extraMetadata.main is ${str(entry)} but package.json main is ${str(pkg.main)}`);
  problems.push(...(await entryProblems(String(entry), pkg, root)));
  expect(
    /^node scripts\/build\.mjs && electron-builder\b/.test(pkg.scripts?.['dist'] ?? ''),
    'npm run dist does not build before it packages',
  );

  problems.push(...iconProblems(config, root));
  problems.push(...targetProblems(config));
  expect(
    section('deb')['depends'] === undefined,
    "deb.depends replaces electron-builder's default dependencies (GTK, NSS, libsecret-1-0…) instead of adding to them",
  );
  const mac = section('mac');
  const entitlements = typeof mac['entitlements'] === 'string' ? join(root, mac['entitlements']) : '';
  expect(mac['hardenedRuntime'] === true, 'mac.hardenedRuntime is not on (notarization requires it)');
  expect(
    existsSync(entitlements) && readFileSync(entitlements, 'utf8').includes('com.apple.security.cs.allow-jit'),
    "mac.entitlements does not name a plist that allows V8's JIT",
  );
  return problems;
}

function schemaProblems(config: Record<string, unknown>): string[] {
  const require = createRequire(join(ROOT, 'package.json'));
  const schema = require('app-builder-lib/scheme.json') as object;
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  if (validate(config)) return [];
  // anyOf branches repeat one mistake many times; one line per place is enough to find it.
  const places = new Map<string, string>();
  for (const error of validate.errors ?? []) {
    const where = error.instancePath || '(top level)';
    const what =
      error.keyword === 'additionalProperties'
        ? `has no option ${str(error.params['additionalProperty'])}`
        : error.message;
    if (!places.has(where) || error.keyword === 'additionalProperties') places.set(where, `${where} ${what}`);
  }
  return [...places.values()].map((line) => `electron-builder's schema: ${line}`);
}

/** The packaged entry is main's Electron bundle, and that bundle carries the code that applies the V8 flags. */
async function entryProblems(entry: string, pkg: Packaging['pkg'], root: string): Promise<string[]> {
  const options = esbuildOptions({ quiet: true, version: pkg.version ?? '0.0.0', root }).main;
  const result = await build({ ...options, write: false, metafile: true, sourcemap: false });
  const output = result.metafile.outputs[entry];
  if (!output) return [`extraMetadata.main ${entry} is not a file the build writes`];
  if (output.entryPoint !== 'main/electron/main.ts') {
    return [`extraMetadata.main ${entry} is built from ${str(output.entryPoint)}, not main/electron/main.ts`];
  }
  const needed = ['scripts/core-v8-flags.mjs', 'main/electron/core-v8-flags.ts'];
  return needed
    .filter((input) => !(input in output.inputs))
    .map((input) => `the packaged entry ${entry} does not include ${input}, so the core's V8 flags never apply`);
}

function iconProblems(config: Record<string, unknown>, root: string): string[] {
  const problems: string[] = [];
  const iconOf = (platform: string) => {
    const icon = ((config[platform] ?? {}) as Record<string, unknown>)['icon'];
    return typeof icon === 'string' ? join(root, icon) : '';
  };
  const linux = iconOf('linux');
  const linuxSize = linux.endsWith('.png') && existsSync(linux) ? pngSize(readFileSync(linux)) : 0;
  if (linuxSize < 512) problems.push(`linux.icon is not a square PNG of 512 px or more (${linuxSize} px)`);
  const mac = iconOf('mac');
  const macSize = mac.endsWith('.icns') && existsSync(mac) ? icnsLargest(readFileSync(mac)) : 0;
  if (macSize < 1024) problems.push(`mac.icon is not an .icns with a 1024 px image (largest: ${macSize} px)`);
  const win = iconOf('win');
  const winSize = win.endsWith('.ico') && existsSync(win) ? icoLargest(readFileSync(win)) : 0;
  if (winSize < 256) problems.push(`win.icon is not an .ico with a 256 px image (largest: ${winSize} px)`);
  return problems;
}

/** Width of a square PNG (IHDR, right after the signature), or 0. */
export function pngSize(png: Buffer): number {
  if (png.length < 24 || png.toString('latin1', 12, 16) !== 'IHDR') return 0;
  const width = png.readUInt32BE(16);
  return width === png.readUInt32BE(20) ? width : 0;
}

// Apple's icns element types and the pixel size each holds.
const ICNS_SIZES: Record<string, number> = { ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic13: 256, ic14: 512 };

export function icnsLargest(icns: Buffer): number {
  if (icns.toString('latin1', 0, 4) !== 'icns') return 0;
  let largest = 0;
  for (let at = 8; at + 8 <= icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    largest = Math.max(largest, ICNS_SIZES[icns.toString('latin1', at, at + 4)] ?? 0);
    if (length < 8) break;
    at += length;
  }
  return largest;
}

/** Largest image in an .ico (a width byte of 0 means 256). */
export function icoLargest(ico: Buffer): number {
  if (ico.length < 6 || ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) return 0;
  let largest = 0;
  for (let i = 0; i < ico.readUInt16LE(4) && 6 + 16 * (i + 1) <= ico.length; i += 1) {
    largest = Math.max(largest, ico[6 + 16 * i] || 256);
  }
  return largest;
}

interface Target {
  target: string;
  arch: string[];
}

/** electron-builder's `target`: a name, an object, or a list of either. */
export function targetsOf(value: unknown): Target[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => {
    if (typeof item === 'string') return { target: item, arch: [] };
    const { target, arch } = item as { target?: unknown; arch?: unknown };
    return { target: String(target), arch: Array.isArray(arch) ? arch.map(String) : arch ? [String(arch)] : [] };
  });
}

function targetProblems(config: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const targets = (platform: string) => targetsOf(((config[platform] ?? {}) as Record<string, unknown>)['target']);
  const names = (platform: string) => targets(platform).map((t) => t.target);
  for (const name of ['AppImage', 'deb']) {
    if (!names('linux').includes(name)) problems.push(`linux.target has no ${name}`);
  }
  const dmg = targets('mac').find((t) => t.target === 'dmg');
  if (!dmg) problems.push('mac.target has no dmg');
  for (const arch of ['x64', 'arm64']) {
    if (dmg && !dmg.arch.includes(arch)) problems.push(`mac dmg is not built for ${arch}`);
  }
  if (!names('win').includes('nsis')) problems.push('win.target has no nsis');
  return problems;
}

function str(value: unknown): string {
  return value === undefined ? 'unset' : JSON.stringify(value);
}
