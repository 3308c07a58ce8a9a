import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const config = load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, unknown> & { target?: unknown }
>;
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('packaging config', () => {
  it('names the app and uses build/ for resources, with asar on', () => {
    expect(config['appId']).toBe('dev.pushconsole.app');
    expect(config['productName']).toBe('Push Console');
    expect(config['directories']).toMatchObject({ buildResources: 'build' });
    expect(config['asar']).toBe(true);
  });

  it('targets AppImage + deb, dmg and nsis', () => {
    expect(config['linux']!.target).toEqual(['AppImage', 'deb']);
    expect(config['mac']!.target).toBe('dmg');
    expect(config['win']!.target).toBe('nsis');
  });

  it('flips the Electron fuses that close Node-style back doors', () => {
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('packages the built app and has a dist script', () => {
    expect(pkg.scripts.dist).toContain('electron-builder');
    expect(pkg.main).toBe('out/main/electron.mjs');
  });
});
