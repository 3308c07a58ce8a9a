import { create } from 'zustand';
import type { CallInput, CallOutput } from '../../shared/contract';
import type { CredentialMeta } from '../../shared/domain/credential';
import { call, guarded, toShownError, type ShownError } from '../bridge';
import { sentences } from '../../shared/text';

export interface TestOutcome {
  ok: boolean;
  message: string;
  running?: boolean;
}

/** A credential as listed: its metadata, and whether main found its secret. */
export type CredentialItem = CallOutput<'credentials.list'>[number];

interface CredentialsState {
  items: CredentialItem[];
  loaded: boolean;
  error: ShownError | null;
  tests: Record<string, TestOutcome>;
  load(): Promise<void>;
  importCredential(input: CallInput<'credentials.import'>): Promise<CredentialMeta>;
  replaceSecret(input: CallInput<'credentials.replaceSecret'>): Promise<CredentialMeta>;
  rename(id: string, label: string): Promise<void>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<void>;
  generateVapid(subject: string, label?: string): Promise<CredentialMeta>;
}

/** Metadata only: secrets go into main through these calls and never come back. */
export const useCredentials = create<CredentialsState>((set, get) => ({
  items: [],
  loaded: false,
  error: null,
  tests: {},
  async load() {
    // One change on success: a long list renders once.
    await guarded(set, async () => set({ items: await call('credentials.list', {}), loaded: true }));
    if (!get().loaded) set({ loaded: true });
  },
  async importCredential(input) {
    const meta = await call('credentials.import', input);
    await get().load();
    return meta;
  },
  async replaceSecret(input) {
    const meta = await call('credentials.replaceSecret', input);
    const { [meta.id]: _dropped, ...tests } = get().tests;
    set({ tests });
    await get().load();
    return meta;
  },
  async rename(id, label) {
    await call('credentials.rename', { id, label });
    await get().load();
  },
  async remove(id) {
    await call('credentials.remove', { id });
    await get().load();
  },
  async test(id) {
    set({ tests: { ...get().tests, [id]: { ok: false, message: 'Testing…', running: true } } });
    let outcome: TestOutcome;
    try {
      outcome = await call('credentials.test', { id });
    } catch (error) {
      const shown = toShownError(error);
      outcome = { ok: false, message: sentences(shown.message, shown.hint) };
    }
    set({ tests: { ...get().tests, [id]: outcome } });
  },
  async generateVapid(subject, label) {
    const meta = await call('credentials.generateVapid', { subject, ...(label ? { label } : {}) });
    await get().load();
    return meta;
  },
}));
