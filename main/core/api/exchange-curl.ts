import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Core } from '../core';
import { readLocalEnvironment } from '../local/local-env';
import { exchangeToCurl } from '../transport/curl';
import type { RawRequest } from '../transport';
import type { Caller, Handlers } from './dispatcher';
import { requireExchange } from './history';

/** How main puts text on the system clipboard, where it has one (Electron); injected so the core needs no Electron. */
export interface ClipboardWriter {
  writeText(text: string): void;
}

/**
 * Where a command carrying live secrets may go, by who asked. A renderer (IPC) or a browser page
 * (WebSocket) is another process: both need a one-time grant the UI asks for after the user
 * confirmed, and the Electron renderer never receives the secrets at all, main copies them. The
 * CLI and tests run the core in their own process, so the secrets never leave it.
 */
type SecretDelivery = 'clipboard' | 'granted-answer' | 'in-process';

function secretDelivery(caller: Caller): SecretDelivery {
  switch (caller.transport) {
    case 'ipc':
      return 'clipboard';
    case 'ws':
      return 'granted-answer';
    case 'cli':
    case 'test':
      return 'in-process';
  }
}

export function curlHandlers(core: Core): Pick<Handlers, 'exchanges.curl' | 'exchanges.curlGrant'> {
  return {
    'exchanges.curlGrant': async ({ id }) => {
      await requireExchange(core, id);
      // Said now, before the page holds a grant for secrets that are already gone.
      requireRaw(core, id);
      return core.curlGrants.issue(id);
    },
    'exchanges.curl': async ({ id, includeSecrets, grant }, { caller }) => {
      const delivery = includeSecrets ? secretDelivery(caller) : null;
      if (delivery === 'clipboard' || delivery === 'granted-answer') core.curlGrants.redeem(grant, id);
      const recorded = await requireExchange(core, id);
      const caFile = await localCaFile(core, recorded.url);
      const files = caFile ? { caFile } : {};
      if (!delivery) return { delivery: 'returned', command: exchangeToCurl(recorded, files), includesSecrets: false };
      const command = exchangeToCurl(recorded, { ...files, includeSecrets: true, raw: requireRaw(core, id) });
      if (delivery !== 'clipboard') return { delivery: 'returned', command, includesSecrets: true };
      if (!core.clipboard) {
        throw new AppError('NO_CLIPBOARD', 'This window cannot reach the clipboard, so nothing was copied.');
      }
      core.clipboard.writeText(command);
      return { delivery: 'copied', includesSecrets: true };
    },
  };
}

function requireRaw(core: Core, id: string): RawRequest {
  const raw = rawRequestOf(core, id);
  if (!raw) {
    throw new AppError(
      'SECRETS_GONE',
      'The secrets for this exchange are no longer in memory.',
      'Push Console keeps unredacted requests only briefly and never on disk; send again, then copy right away.',
    );
  }
  return raw;
}

/** The recording transport keeps recent unredacted requests in memory only; other transports have none. */
function rawRequestOf(core: Core, id: string): RawRequest | undefined {
  const transport = core.transport as { rawRequest?: (id: string) => RawRequest | undefined };
  return typeof transport.rawRequest === 'function' ? transport.rawRequest(id) : undefined;
}

/**
 * A request to the local emulators only verifies with their CA, so the command names it. The CA
 * certificate is public; it is written next to the data so the copied command can point at it.
 */
async function localCaFile(core: Core, url: string): Promise<string | null> {
  const host = safeHost(url);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') return null;
  const local = await readLocalEnvironment(core.dataDir).catch(() => null);
  if (!local) return null;
  const path = join(core.dataDir, 'local-ca.pem');
  await writeFile(path, local.ca);
  return path;
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
