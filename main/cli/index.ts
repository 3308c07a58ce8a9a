import { commands } from './commands';
import { runCli } from './run-cli';

const code = await runCli(process.argv.slice(2), commands, {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
// serve returns after its server closed; other commands may leave sockets in keep-alive pools.
process.exitCode = code;
if (process.argv[2] !== 'serve') setImmediate(() => process.exit(code));
