import { randomUUID } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import type { KeychainStatus } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';

export const KEYCHAIN_SERVICE = 'push-console';

/** Where secret material lives. Only main holds one; nothing else ever sees the values. */
export interface SecretStore {
  status(): Promise<KeychainStatus>;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

const NO_KEYCHAIN_HINT =
  process.platform === 'linux'
    ? 'No Secret Service found: install and unlock gnome-keyring or KWallet, or start with --ephemeral-secrets.'
    : 'Unlock the system keychain, or start with --ephemeral-secrets.';

/**
 * The OS keychain through @napi-rs/keyring. On Linux it is pinned to the Secret Service so it
 * can never fall back silently to the kernel keyring, which forgets everything at logout.
 */
export class OsKeychain implements SecretStore {
  readonly #service: string;
  #status: Promise<KeychainStatus> | undefined;

  constructor(service = KEYCHAIN_SERVICE) {
    this.#service = service;
  }

  #entry(account: string): AsyncEntry {
    return new AsyncEntry(this.#service, account, { linux: { store: 'secret-service' } });
  }

  status(): Promise<KeychainStatus> {
    this.#status ??= this.#probe();
    return this.#status;
  }

  async #probe(): Promise<KeychainStatus> {
    try {
      // Inside the try: on Linux the constructor itself throws when no D-Bus session exists.
      // A name of its own per process and probe: with one shared name, parallel processes
      // overwrite and delete each other's probe and report a working keychain as missing.
      const probe = this.#entry(`__probe__-${process.pid}-${randomUUID()}`);
      const value = `probe-${randomUUID()}`;
      await withTimeout(probe.setPassword(value), 5000);
      let back: string | null;
      try {
        back = await withTimeout(probe.getPassword(), 5000);
      } finally {
        await withTimeout(probe.deletePassword(), 5000).catch(() => false);
      }
      if (back !== value) throw new Error('the keychain did not return what was stored');
      const backend =
        process.platform === 'darwin'
          ? 'macOS Keychain'
          : process.platform === 'win32'
            ? 'Windows Credential Manager'
            : 'Secret Service';
      return { state: 'available', message: backend };
    } catch (error) {
      return {
        state: 'unavailable',
        message: `No keychain is reachable (${shortReason(error)}).`,
        hint: NO_KEYCHAIN_HINT,
      };
    }
  }

  async #requireAvailable(): Promise<void> {
    const status = await this.status();
    if (status.state !== 'available') {
      throw new AppError('KEYCHAIN_UNAVAILABLE', status.message, status.hint);
    }
  }

  async get(account: string): Promise<string | null> {
    await this.#requireAvailable();
    return withTimeout(this.#entry(account).getPassword(), 10_000);
  }

  async set(account: string, secret: string): Promise<void> {
    await this.#requireAvailable();
    await withTimeout(this.#entry(account).setPassword(secret), 10_000);
  }

  async delete(account: string): Promise<boolean> {
    await this.#requireAvailable();
    return withTimeout(this.#entry(account).deletePassword(), 10_000);
  }
}

/** Memory only, chosen explicitly with --ephemeral-secrets; gone when the process exits. */
export class EphemeralSecrets implements SecretStore {
  readonly #values = new Map<string, string>();
  async status(): Promise<KeychainStatus> {
    return {
      state: 'ephemeral',
      message: 'Secrets are kept in memory only and are forgotten when Push Console exits.',
    };
  }
  async get(account: string): Promise<string | null> {
    return this.#values.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.#values.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.#values.delete(account);
  }
}

function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 160);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`keychain did not answer within ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
