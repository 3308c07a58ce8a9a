import { describe, expect, it } from 'vitest';
import type { KeychainStatus } from '../../../../../shared/contract';
import {
  EphemeralSecrets,
  ephemeralSecretsRequested,
  SecretStoreSwitch,
} from '../../../../../main/core/credentials/keychain';

/** A store that answers like the OS keychain with no Secret Service, and refuses every write. */
class NoKeychain extends EphemeralSecrets {
  writes = 0;
  override async status(): Promise<KeychainStatus> {
    return { state: 'unavailable', message: "No keychain reachable: secrets can't be saved." };
  }
  override async set(): Promise<void> {
    this.writes += 1;
    throw new Error('no keychain');
  }
}

class WorkingKeychain extends EphemeralSecrets {
  override async status(): Promise<KeychainStatus> {
    return { state: 'available', message: 'Secret Service' };
  }
}

describe('SecretStoreSwitch', () => {
  it('keeps secrets in memory only once asked, and from then on never writes to the keychain', async () => {
    const keychain = new NoKeychain();
    const store = new SecretStoreSwitch(keychain);
    await expect(store.set('a', 'one')).rejects.toThrow();
    expect((await store.status()).state).toBe('unavailable');
    expect(await store.keepInMemory()).toMatchObject({ state: 'ephemeral' });
    await store.set('a', 'two');
    expect(await store.get('a')).toBe('two');
    expect(keychain.writes).toBe(1);
    // Asking twice keeps what is already in memory.
    await store.keepInMemory();
    expect(await store.get('a')).toBe('two');
  });

  it('refuses while the keychain works, so no secret is silently kept out of it', async () => {
    const store = new SecretStoreSwitch(new WorkingKeychain());
    await expect(store.keepInMemory()).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The keychain (Secret Service) is working, so secrets are saved there.',
    });
    expect((await store.status()).state).toBe('available');
  });
});

describe('ephemeralSecretsRequested', () => {
  it('takes the flag or PUSH_CONSOLE_EPHEMERAL_SECRETS=1/true/yes, and nothing else', () => {
    expect(ephemeralSecretsRequested(true, {})).toBe(true);
    for (const value of ['1', 'true', 'YES', ' 1 ']) {
      expect(ephemeralSecretsRequested(undefined, { PUSH_CONSOLE_EPHEMERAL_SECRETS: value })).toBe(true);
    }
    for (const value of ['', '0', 'false', 'no']) {
      expect(ephemeralSecretsRequested(false, { PUSH_CONSOLE_EPHEMERAL_SECRETS: value })).toBe(false);
    }
    expect(ephemeralSecretsRequested(undefined, {})).toBe(false);
  });
});
