// First: it decides how zod parses before any schema is built (see the module).
import './zod-mode';
import { commands } from './commands';
import { drained } from './drain';
import { runCli } from './run-cli';

// A reader that closes early (`| head`) is not a crash: the output simply has nowhere to go.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

// No top-level await: the CLI is built as one CommonJS file, so bin/ can load it with a V8 code
// cache (bin/load-cli.cjs).
async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), commands, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    onInterrupt: (listener) => {
      let heard = 0;
      const handler = () => (++heard > 1 ? process.exit(130) : listener());
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
  });
  process.exitCode = code;
  // serve returns after its server closed; other commands may leave sockets in keep-alive pools,
  // so they exit, but only once their output is out of the process.
  if (process.argv[2] !== 'serve') {
    await drained([process.stdout, process.stderr]);
    process.exit(code);
  }
}

void main();
