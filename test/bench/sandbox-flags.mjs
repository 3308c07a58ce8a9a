// The flags that point a CLI send at what `sandbox init` made: its APNs key, the local emulator
// and the sandbox app's topic (the CLI and app benches send the same way).
export const SANDBOX_APNS_FLAGS = [
  '--credential',
  'Sandbox APNs key',
  '--env',
  'local',
  '--topic',
  'dev.pushconsole.sandbox',
];
