import { isAppError } from '../../shared/errors';
import { APP_NAME, appVersion } from '../core/version';
import { write, type CliCommand, type CliIo } from './command';

/**
 * Picks the command whose words match the start of argv (longest match wins), and turns every
 * failure into one human line plus a hint. No stack trace reaches the terminal.
 */
export async function runCli(argv: string[], commands: readonly CliCommand[], io: CliIo): Promise<number> {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    write(io.stdout, helpText(commands));
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    write(io.stdout, appVersion());
    return 0;
  }
  const command = [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((candidate) => candidate.path.every((word, index) => argv[index] === word));
  if (!command) {
    // A group's word alone or with --help (`send --help`, `history`): its subcommands, as git does.
    const group = commands.filter((candidate) => candidate.path.length > 1 && candidate.path[0] === first);
    const asked = argv[1] === undefined || argv[1] === '--help' || argv[1] === '-h';
    if (group.length > 0 && asked) {
      write(argv[1] === undefined ? io.stderr : io.stdout, helpText(group, `${first} <command>`));
      return argv[1] === undefined ? 2 : 0;
    }
    write(io.stderr, `push-console: unknown command "${argv.slice(0, 2).join(' ')}". Run push-console --help.`);
    return 2;
  }
  const rest = argv.slice(command.path.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    write(io.stdout, `Usage: push-console ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isAppError(error)) {
      write(io.stderr, `push-console: ${error.message}`);
      if (error.hint) write(io.stderr, `  ${error.hint}`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    write(io.stderr, `push-console: ${message.split('\n')[0]}`);
    return 1;
  }
}

function helpText(commands: readonly CliCommand[], usage = '<command>'): string {
  const width = Math.max(...commands.map((command) => command.path.join(' ').length));
  const lines = commands.map((command) => `  ${command.path.join(' ').padEnd(width)}  ${command.summary}`);
  return [
    `${APP_NAME} ${appVersion()}: a test console for APNs, FCM, WNS, Web Push and Notification Hubs.`,
    '',
    `Usage: push-console ${usage} [options]`,
    '',
    'Commands:',
    ...lines,
    '',
    'Options: --help (on any command), --version',
  ].join('\n');
}
