import { apnsChannelsCommands } from './commands/apns-channels';
import type { Provider } from '../../shared/providers/ids';
import type { CliCommand } from './command';
import { bulkCommand } from './commands/bulk';
import { credentialsCommands } from './commands/credentials';
import { doctorCommand } from './commands/doctor';
import { emulatorsStartCommand } from './commands/emulators';
import { historyExportCommand, historyListCommand, historyShowCommand } from './commands/history';
import { sendApnsCommand } from './commands/send-apns';
import { sendFcmCommand } from './commands/send-fcm';
import { sendNhubCommand } from './commands/send-nhub';
import { runCommand } from './commands/run';
import { collectionsImportPostmanCommand, collectionsSaveCommand } from './commands/collections';
import { nhubRegistrationsCommand } from './commands/nhub-registrations';
import { sandboxInitCommand } from './commands/sandbox';
import { serveCommand } from './commands/serve';
import { sendWebpushCommand } from './commands/send-webpush';
import { sendWnsCommand } from './commands/send-wns';
import { vapidGenerateCommand } from './commands/vapid';

/**
 * `send <provider>` for every provider: one missing is a compile error. Listed in `--help` in
 * this object's order (not the ids', which put WNS before Web Push).
 */
const SEND_COMMANDS: Record<Provider, CliCommand> = {
  apns: sendApnsCommand,
  fcm: sendFcmCommand,
  webpush: sendWebpushCommand,
  wns: sendWnsCommand,
  nhub: sendNhubCommand,
};

/** Every CLI command; each lives in commands/<name>.ts. */
export const commands: readonly CliCommand[] = [
  serveCommand,
  emulatorsStartCommand,
  bulkCommand,
  sandboxInitCommand,
  ...Object.values(SEND_COMMANDS),
  vapidGenerateCommand,
  historyListCommand,
  historyShowCommand,
  historyExportCommand,
  doctorCommand,
  runCommand,
  collectionsSaveCommand,
  collectionsImportPostmanCommand,
  ...credentialsCommands,
  nhubRegistrationsCommand,
  ...apnsChannelsCommands,
];
