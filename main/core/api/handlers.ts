import type { Core } from '../core';
import { apnsChannelHandlers } from './apns-channels';
import { appHandlers } from './app';
import { collectionHandlers } from './collections';
import { composeHandlers } from './compose';
import { credentialHandlers } from './credentials';
import { deviceHandlers } from './devices';
import { emulatorHandlers, sandboxHandlers } from './emulators';
import { curlHandlers } from './exchange-curl';
import { historyHandlers } from './history';
import { liveActivityHandlers } from './live-activity';
import { nhubRegistrationHandlers } from './nhub-registrations';
import type { Handlers } from './dispatcher';
import { tokenDoctorHandlers } from './token-doctor';
import { uploadHandlers } from './uploads';
import { UploadStore } from '../uploads/upload-store';

/** Every contract call's implementation, one domain module each; TypeScript checks none is missing. */
export function createHandlers(core: Core): Handlers {
  // Held by the handlers that take uploads, so it lives and goes with this core.
  const uploads = new UploadStore();
  return {
    ...uploadHandlers(uploads),
    ...appHandlers(core),
    ...composeHandlers(core),
    ...credentialHandlers(core),
    ...deviceHandlers(core, uploads),
    ...emulatorHandlers(core),
    ...sandboxHandlers(core),
    ...historyHandlers(core),
    ...curlHandlers(core),
    ...nhubRegistrationHandlers(core),
    ...apnsChannelHandlers(core),
    ...tokenDoctorHandlers(core),
    ...collectionHandlers(core),
    ...liveActivityHandlers(core),
  };
}
