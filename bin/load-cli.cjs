// Loads the CLI bundle (out/main/cli.cjs) with a V8 code cache. Compiling the 1.5 MB bundle and
// the functions its start runs was a third of every `push-console send`; with the cache V8 reads
// them back instead. Node 20 caches nothing by itself (module.enableCompileCache is Node 22).
//
// The cache is kept beside the bundle, one file per Node version and set of V8 flags (V8 refuses a
// cache made under other flags), and written at exit by the first run that finds none or has one
// refused, which a rebuilt bundle is. A cache that cannot be written (a read-only install) is
// simply not kept: the CLI runs the same, only slower.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

/** Runs the CommonJS file `file` as Node would, compiled from its code cache when one fits. */
function loadCli(file) {
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha256')
    .update(`${process.version}\0${process.execArgv.join('\0')}`)
    .digest('hex')
    .slice(0, 16);
  const cacheFile = join(`${file}.cache`, `${key}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The bundle has no import(): its build makes each a require (scripts/build-options.mjs).
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const state = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'refused' : 'used';
  if (process.env.PUSH_CONSOLE_CODE_CACHE_DEBUG) process.stderr.write(`code cache: ${state}\n`);
  // At exit the script holds every function this run compiled, the ones a start needs among them.
  if (state !== 'used') process.once('exit', () => keep(script, cacheFile));
  // Packages resolve through createRequire(file), from the bundle's folder as Node's loader would.
  const module = new Module(file, null);
  module.filename = file;
  const run = script.runInThisContext();
  run.call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
}

function keep(script, cacheFile) {
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    // Beside the target and renamed over it: two processes starting at once never read half a file.
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
    if (process.env.PUSH_CONSOLE_CODE_CACHE_DEBUG) process.stderr.write('code cache: written\n');
  } catch {
    // Not kept (read-only install, full disk): the next run compiles again.
    try {
      unlinkSync(`${cacheFile}.${process.pid}.tmp`);
    } catch {
      // Never written.
    }
  }
}

module.exports = { loadCli };
