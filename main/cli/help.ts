import { APP_NAME, appVersion } from '../core/version';

/** What `--help` says of a command: its words, one line, and its usage. */
export interface CommandHelp {
  readonly path: readonly string[];
  readonly summary: string;
  readonly usage: string;
}

/** An answer made of text alone: help, the version, or an unknown command. */
export interface TextAnswer {
  stream: 'stdout' | 'stderr';
  text: string;
  code: number;
}

/**
 * The command whose words match the start of argv (longest match wins), or the answer when argv
 * asks for help or names no command. Needs only the commands' help, so `push-console --help` can
 * answer from the build's manifest (`cli-help.json`) without loading any command.
 */
export function route<C extends CommandHelp>(
  argv: readonly string[],
  commands: readonly C[],
): { command: C; rest: string[] } | { answer: TextAnswer } {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { answer: { stream: 'stdout', text: helpText(commands), code: first === undefined ? 2 : 0 } };
  }
  if (first === '--version' || first === '-v') return { answer: { stream: 'stdout', text: appVersion(), code: 0 } };
  const command = [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((candidate) => candidate.path.every((word, index) => argv[index] === word));
  if (!command) {
    // A group's word alone or with --help (`send --help`, `history`): its subcommands, as git does.
    const group = commands.filter((candidate) => candidate.path.length > 1 && candidate.path[0] === first);
    const asked = argv[1] === undefined || argv[1] === '--help' || argv[1] === '-h';
    if (group.length > 0 && asked) {
      const alone = argv[1] === undefined;
      return {
        answer: {
          stream: alone ? 'stderr' : 'stdout',
          text: helpText(group, `${first} <command>`),
          code: alone ? 2 : 0,
        },
      };
    }
    const text = `push-console: unknown command "${argv.slice(0, 2).join(' ')}". Run push-console --help.`;
    return { answer: { stream: 'stderr', text, code: 2 } };
  }
  const rest = argv.slice(command.path.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    return {
      answer: { stream: 'stdout', text: `Usage: push-console ${command.usage}\n\n${command.summary}`, code: 0 },
    };
  }
  return { command, rest };
}

function helpText(commands: readonly CommandHelp[], usage = '<command>'): string {
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

/** The manifest the build writes beside the CLI: every command's help and nothing else. */
export function helpManifest(commands: readonly CommandHelp[]): { version: string; commands: CommandHelp[] } {
  return {
    version: appVersion(),
    commands: commands.map(({ path, summary, usage }) => ({ path: [...path], summary, usage })),
  };
}
