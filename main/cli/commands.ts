import type { CliCommand } from './command';
import { serveCommand } from './commands/serve';

/** Every CLI command; each lives in commands/<name>.ts. */
export const commands: readonly CliCommand[] = [serveCommand];
