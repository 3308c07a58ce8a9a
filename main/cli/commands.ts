import type { CliCommand } from './command';
import { bulkCommand } from './commands/bulk';
import { emulatorsStartCommand } from './commands/emulators';
import { serveCommand } from './commands/serve';

/** Every CLI command; each lives in commands/<name>.ts. */
export const commands: readonly CliCommand[] = [serveCommand, emulatorsStartCommand, bulkCommand];
