// The real local APNs emulator in its own process, with one key and N registered devices, so the
// clients under test never share an event loop with it.
const [bundleDir, count] = [process.argv[2], Number(process.argv[3])];
const { startApnsEmulator } = await import(`${bundleDir}/apns-emulator.mjs`);
const { LocalCa } = await import(`${bundleDir}/ca.mjs`);

process.once('message', async ({ caCert, caKey }) => {
  const emulator = await startApnsEmulator({ ca: LocalCa.fromPem(caCert, caKey) });
  const key = emulator.createKey({ environment: 'both', topics: ['com.example.bench'] });
  for (let i = 0; i < count; i++) {
    emulator.createDevice({
      bundleId: 'com.example.bench',
      environment: 'sandbox',
      token: i.toString(16).padStart(64, '0'),
    });
  }
  process.on('message', (message) => {
    if (message === 'inbox') process.send({ inbox: emulator.inbox.size });
    if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
    // Each client starts against the same emulator: an empty inbox and a collected heap, so no
    // client pays for the garbage of the one before it.
    if (message === 'reset') {
      emulator.inbox.clear();
      globalThis.gc?.();
      process.send({ reset: true });
    }
    if (message === 'exit') process.exit(0); // a clean exit, so --cpu-prof can write its profile
  });
  process.send({ baseUrl: emulator.baseUrl, key });
});
