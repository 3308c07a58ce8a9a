import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AsyncEntry } from '@napi-rs/keyring';
import type * as Keyring from '@napi-rs/keyring';
import type { KeychainStatus } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';

const require = createRequire(import.meta.url);

export const KEYCHAIN_SERVICE = 'push-console';

/** Where secret material lives. Only main holds one; nothing else ever sees the values. */
export interface SecretStore {
  status(): Promise<KeychainStatus>;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** The environment variable that asks for memory-only secrets, for launchers that eat flags (`npm start`). */
export const EPHEMERAL_SECRETS_ENV = 'PUSH_CONSOLE_EPHEMERAL_SECRETS';

/** `--ephemeral-secrets`, or `PUSH_CONSOLE_EPHEMERAL_SECRETS=1` (also true/yes). */
export function ephemeralSecretsRequested(flag: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (flag === true) return true;
  return /^(1|true|yes)$/i.test(env[EPHEMERAL_SECRETS_ENV]?.trim() ?? '');
}

export const NO_KEYCHAIN_MESSAGE = "No keychain reachable: secrets can't be saved.";

/** The one line a process that serves a UI prints at start when no keychain answers. */
export const NO_KEYCHAIN_START_LINE = `${NO_KEYCHAIN_MESSAGE} Run with --ephemeral-secrets to keep them in memory for this run.`;

const NO_KEYCHAIN_HINT =
  process.platform === 'linux'
    ? 'Start gnome-keyring or KWallet (a Secret Service) and unlock it, or keep secrets in memory for this run (--ephemeral-secrets).'
    : 'Unlock the system keychain, or keep secrets in memory for this run (--ephemeral-secrets).';

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
    // required, not imported: Node reads an ES import of this CommonJS package through its export
    // lexer first, about 20 ms of every CLI start; required, it loads once, when a secret is used.
    const { AsyncEntry: Entry } = require('@napi-rs/keyring') as typeof Keyring;
    return new Entry(this.#service, account, { linux: { store: 'secret-service' } });
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
      // The library's words (a D-Bus message) are kept as detail for the About panel only.
      return { state: 'unavailable', message: NO_KEYCHAIN_MESSAGE, hint: NO_KEYCHAIN_HINT, detail: shortReason(error) };
    }
  }

  async #requireAvailable(): Promise<void> {
    const status = await this.status();
    if (status.state !== 'available') {
      throw new AppError('KEYCHAIN_UNAVAILABLE', status.message, status.hint);
    }
  }

  async get(account: string): Promise<string | null> {
    // A read goes straight to the keychain: the probe stores and deletes an item (two keyring
    // writes, a D-Bus connection of its own), which was most of a CLI send's wait on the keychain.
    // Only a read that fails or finds nothing asks the probe whether the keychain is there at all.
    if (this.#status !== undefined) await this.#requireAvailable();
    let value: string | null;
    try {
      value = await withTimeout(this.#entry(account).getPassword(), 10_000);
    } catch (error) {
      await this.#requireAvailable();
      throw error;
    }
    if (value === null) await this.#requireAvailable();
    return value;
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

/**
 * The store a core uses: the OS keychain, or memory when asked for at start (`--ephemeral-secrets`)
 * or, with no keychain reachable, by the user's explicit click ("Keep secrets in memory for this
 * run"). It never switches by itself, and never to a file.
 */
export class SecretStoreSwitch implements SecretStore {
  #store: SecretStore;

  constructor(store: SecretStore) {
    this.#store = store;
  }

  status(): Promise<KeychainStatus> {
    return this.#store.status();
  }

  /** Switches to memory for the rest of this process; refused while the keychain works. */
  async keepInMemory(): Promise<KeychainStatus> {
    const current = await this.#store.status();
    if (current.state === 'available') {
      throw new AppError(
        'INVALID_INPUT',
        `The keychain (${current.message}) is working, so secrets are saved there.`,
        'Memory-only secrets are offered only when no keychain is reachable.',
      );
    }
    if (current.state === 'unavailable') this.#store = new EphemeralSecrets();
    return this.#store.status();
  }

  get(account: string): Promise<string | null> {
    return this.#store.get(account);
  }

  set(account: string, secret: string): Promise<void> {
    return this.#store.set(account, secret);
  }

  delete(account: string): Promise<boolean> {
    return this.#store.delete(account);
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
