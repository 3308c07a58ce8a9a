import { isAppError } from '../../shared/errors';
import { write, type CliCommand, type CliIo } from './command';
import { route } from './help';

/**
 * Picks the command whose words match the start of argv (longest match wins), and turns every
 * failure into one human line plus a hint. No stack trace reaches the terminal.
 */
export async function runCli(argv: string[], commands: readonly CliCommand[], io: CliIo): Promise<number> {
  const routed = route(argv, commands);
  if ('answer' in routed) {
    write(routed.answer.stream === 'stdout' ? io.stdout : io.stderr, routed.answer.text);
    return routed.answer.code;
  }
  const { command, rest } = routed;
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
