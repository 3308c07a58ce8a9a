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

/** A check of one credential: running, its findings, or why it could not run; null once closed. */
export type CheckOutcome =
  | { state: 'running' }
  | { state: 'done'; check: CallOutput<'credentials.check'> }
  | { state: 'failed'; message: string };

/** A credential as listed: its metadata, and whether main found its secret. */
export type CredentialItem = CallOutput<'credentials.list'>[number];

interface CredentialsState {
  items: CredentialItem[];
  loaded: boolean;
  error: ShownError | null;
  tests: Record<string, TestOutcome>;
  checks: Record<string, CheckOutcome>;
  load(): Promise<void>;
  importCredential(input: CallInput<'credentials.import'>): Promise<CredentialMeta>;
  replaceSecret(input: CallInput<'credentials.replaceSecret'>): Promise<CredentialMeta>;
  rename(id: string, label: string): Promise<void>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<void>;
  check(id: string): Promise<void>;
  closeCheck(id: string): void;
  generateVapid(subject: string, label?: string): Promise<CredentialMeta>;
}

/** Metadata only: secrets go into main through these calls and never come back. */
export const useCredentials = create<CredentialsState>((set, get) => ({
  items: [],
  loaded: false,
  error: null,
  tests: {},
  checks: {},
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
  async check(id) {
    set({ checks: { ...get().checks, [id]: { state: 'running' } } });
    let outcome: CheckOutcome;
    try {
      outcome = { state: 'done', check: await call('credentials.check', { id }) };
    } catch (error) {
      const shown = toShownError(error);
      outcome = { state: 'failed', message: sentences(shown.message, shown.hint) };
    }
    set({ checks: { ...get().checks, [id]: outcome } });
  },
  closeCheck(id) {
    const { [id]: _closed, ...checks } = get().checks;
    set({ checks });
  },
  async generateVapid(subject, label) {
    const meta = await call('credentials.generateVapid', { subject, ...(label ? { label } : {}) });
    await get().load();
    return meta;
  },
}));
