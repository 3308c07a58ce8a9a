/**
 * Run in a child process with DBUS_SESSION_BUS_ADDRESS pointing nowhere: creates a Core on the
 * real OsKeychain and prints what app.info and credentials.import answer, as one JSON line.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../main/core/core';
import { createLocalServices } from '../../main/local';
import { OsKeychain } from '../../main/core/credentials/keychain';

const dir = mkdtempSync(join(tmpdir(), 'pc-nokeychain-'));
const core = await createCore({
  local: createLocalServices,
  mode: 'browser',
  dataDir: join(dir, 'data'),
  workspaceDir: join(dir, 'ws'),
  secrets: new OsKeychain(process.argv[2] ?? 'push-console-test-unavailable'),
  log: (line) => process.stderr.write(`${line}\n`),
});
const caller = { transport: 'test', trusted: true } as const;
const info = await core.dispatch('app.info', {}, caller);
const imported = await core.dispatch(
  'credentials.import',
  { kind: 'wns', packageSid: 'ms-app://S-1-15-2-1', clientSecret: 'unavailable-secret' },
  caller,
);
// A read on a store that has not probed yet: refused in the same words, not the library's.
const read = await new OsKeychain(`${process.argv[2] ?? 'push-console-test-unavailable'}-read`)
  .get('some-credential')
  .then(
    (value) => ({ value }),
    (error: { code?: string; message?: string; hint?: string }) => ({
      code: error.code,
      message: error.message,
      hint: error.hint,
    }),
  );
const workspaceFiles = readdirSync(join(dir, 'ws'));
await core.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ info, imported, read, workspaceFiles })}\n`);
