/**
 * One process writing into a shared workspace, as a second window or server would: opens a Core
 * on the real keychain and imports `count` devices in batches of `batch`, then saves a profile of
 * its own with the credential labelled `credential`. Prints one JSON line with what it was told it created.
 * Args: dataDir workspaceDir name count batch credential
 */
import { createCore } from '../../main/core/core';
import { createLocalServices } from '../../main/local';

const [dataDir, workspaceDir, name, count, batch, credential] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const core = await createCore({ local: createLocalServices, mode: 'browser', dataDir, workspaceDir, log: () => {} });
let created = 0;
for (let start = 0; start < Number(count); start += Number(batch)) {
  const rows = Array.from({ length: Math.min(Number(batch), Number(count) - start) }, (_, i) => ({
    label: `${name} device ${start + i}`,
    provider: 'fcm' as const,
    environment: 'local' as const,
    target: `${name}-token-${start + i}`,
  }));
  created += (await core.devices.saveMany(rows)).created;
}
const profile = await core.profiles.save({
  name: `Profile of ${name}`,
  provider: 'wns',
  credentialId: (await core.credentials.get(credential)).id,
  environment: 'local',
});
await core.close();
process.stdout.write(`${JSON.stringify({ created, profile: profile.id })}\n`);
