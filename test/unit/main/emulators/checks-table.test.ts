import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKS as apns } from '../../../../main/emulators/apns';
import { FCM_CHECK_DEFAULTS as fcm } from '../../../../main/emulators/fcm';
import { DEFAULT_CHECKS as nhub } from '../../../../main/emulators/nhub';
import { DEFAULT_CHECKS as webpush } from '../../../../main/emulators/webpush';
import { DEFAULT_CHECKS as wns } from '../../../../main/emulators/wns';

// docs/emulators.md lists every switchable check with its default; a check added, renamed or
// flipped in code without the table (or the other way round) fails here.
const inCode: Record<string, object> = {
  APNs: apns,
  FCM: fcm,
  WNS: wns,
  'Web Push': webpush,
  'Notification Hubs': nhub,
};

function documented(): Record<string, Record<string, boolean>> {
  const doc = readFileSync(new URL('../../../../docs/emulators.md', import.meta.url), 'utf8');
  const table = /<!-- checks table -->([\s\S]*?)<!-- \/checks table -->/.exec(doc)?.[1];
  if (!table) throw new Error('docs/emulators.md has no checks table');
  const rows: Record<string, Record<string, boolean>> = {};
  for (const line of table.split('\n')) {
    const cells = /^\| ([^|]+) \| `([^`]+)` \| (on|off) \|/.exec(line);
    if (!cells) continue;
    const [, service, check, value] = cells;
    (rows[service!.trim()] ??= {})[check!] = value === 'on';
  }
  return rows;
}

describe('the switchable checks table in docs/emulators.md', () => {
  it('names every check of every emulator with its default, and nothing else', () => {
    expect(documented()).toEqual(inCode);
  });
});
