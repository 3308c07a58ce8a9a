#!/usr/bin/env node
// Regenerates the app icons in build/ from build/icon.svg: icon.png (1024 px: Linux, and what
// electron-builder would otherwise scale up), icon.icns (macOS) and icon.ico (Windows, 16-256 px).
// Run by hand after changing the SVG; needs rsvg-convert, png2icns and icotool (Debian:
// librsvg2-bin, icnsutils, icoutils). The outputs are committed, so builds need none of them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const build = fileURLToPath(new URL('../build/', import.meta.url));
const tools = { 'rsvg-convert': 'librsvg2-bin', png2icns: 'icnsutils', icotool: 'icoutils' };
const missing = Object.entries(tools).filter(
  ([tool]) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0,
);
if (missing.length > 0) {
  console.error(`Missing ${missing.map(([tool, pkg]) => `${tool} (apt-get install ${pkg})`).join(', ')}.`);
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'push-console-icons-'));
const png = (size) => {
  const file = join(scratch, `icon-${size}.png`);
  execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-o', file, join(build, 'icon.svg')]);
  return file;
};
try {
  execFileSync('rsvg-convert', ['-w', '1024', '-h', '1024', '-o', join(build, 'icon.png'), join(build, 'icon.svg')]);
  // png2icns picks each size's icon type from the image's dimensions.
  execFileSync('png2icns', [join(build, 'icon.icns'), ...[16, 32, 128, 256, 512, 1024].map(png)]);
  // 256 px stored as PNG inside the .ico, as Windows expects for that size.
  const ico = [16, 24, 32, 48, 64, 128].map(png);
  execFileSync('icotool', ['-c', '-o', join(build, 'icon.ico'), ...ico, '-r', png(256)]);
  console.log('Wrote build/icon.png, build/icon.icns and build/icon.ico from build/icon.svg.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
