import { create } from 'zustand';
import type {
  NhubInstallation,
  NhubInstallationInput,
  NhubRegistration,
  NhubRegistrationFilter,
} from '../../shared/contract/nhub-registrations';
import { installationPatch } from '../../shared/providers/nhub/installation-patch';
import { call, guarded, type ShownError } from '../bridge';

/** Rows per page the view asks for. */
export const REGISTRATIONS_PAGE_SIZE = 25;

interface RegistrationsState {
  /** The NH credential whose hub the view shows; null when the view is closed. */
  credentialId: string | null;
  filter: NhubRegistrationFilter;
  rows: NhubRegistration[];
  /** The hub's token for the next page; null when this is the last page. */
  continuationToken: string | null;
  environment: 'live' | 'local' | null;
  /** Which page request is running: the first (a new search) or a next one. */
  loading: 'first' | 'more' | null;
  loaded: boolean;
  selectedId: string | null;
  error: ShownError | null;
  /** What the last change did, in words (a live hub may list an installation's registrations later). */
  notice: string | null;
  open(credentialId: string): void;
  close(): void;
  search(filter: NhubRegistrationFilter): Promise<void>;
  more(): Promise<void>;
  select(registrationId: string | null): void;
  getInstallation(installationId: string): Promise<NhubInstallation>;
  /** PATCH what changed when it can (before given), PUT otherwise; then the first page again. */
  saveInstallation(before: NhubInstallationInput | null, after: NhubInstallationInput): Promise<void>;
  deleteInstallation(installationId: string): Promise<void>;
  deleteRegistration(registrationId: string): Promise<void>;
}

type ViewFields = Pick<
  RegistrationsState,
  | 'credentialId'
  | 'filter'
  | 'rows'
  | 'continuationToken'
  | 'environment'
  | 'loading'
  | 'loaded'
  | 'selectedId'
  | 'error'
  | 'notice'
>;

const CLOSED: ViewFields = {
  credentialId: null,
  filter: { by: 'all' },
  rows: [],
  continuationToken: null,
  environment: null,
  loading: null,
  loaded: false,
  selectedId: null,
  error: null,
  notice: null,
};

/** One hub's registrations, a page at a time; the credential's secret never leaves main. */
export const useNhubRegistrations = create<RegistrationsState>((set, get) => {
  async function page(more: boolean): Promise<void> {
    const { credentialId, filter, continuationToken } = get();
    if (!credentialId) return;
    set({ loading: more ? 'more' : 'first' });
    await guarded(set, async () => {
      const answer = await call('nhub.registrations.list', {
        credentialId,
        filter,
        top: REGISTRATIONS_PAGE_SIZE,
        ...(more && continuationToken ? { continuationToken } : {}),
      });
      // A search started meanwhile (another filter, another hub) owns the list now.
      if (get().credentialId !== credentialId || get().filter !== filter) return;
      set({
        rows: more ? [...get().rows, ...answer.registrations] : answer.registrations,
        continuationToken: answer.continuationToken,
        environment: answer.environment,
        loaded: true,
        ...(more ? {} : { selectedId: null }),
      });
    });
    set({ loading: null });
  }

  return {
    ...CLOSED,
    open(credentialId) {
      set({ ...CLOSED, credentialId });
      void page(false);
    },
    close: () => set({ ...CLOSED }),
    async search(filter) {
      set({ filter, continuationToken: null });
      await page(false);
    },
    more: () => page(true),
    select: (selectedId) => set({ selectedId }),
    async getInstallation(installationId) {
      const { installation } = await call('nhub.installations.get', {
        credentialId: get().credentialId ?? '',
        installationId,
      });
      return installation;
    },
    async saveInstallation(before, after) {
      const credentialId = get().credentialId ?? '';
      const operations = before ? installationPatch(before, after) : null;
      const id = after.installationId;
      if (operations && operations.length === 0) return set({ notice: `Installation "${id}" had no changes to save.` });
      if (operations) {
        await call('nhub.installations.patch', { credentialId, installationId: id, operations });
      } else {
        await call('nhub.installations.put', { credentialId, installation: after });
      }
      const how = operations
        ? `changed (${operations.length} patch operation${operations.length === 1 ? '' : 's'})`
        : 'saved';
      // A real hub applies an installation in the background; the emulator lists it at once.
      const later = get().environment === 'live' ? ' The hub may take a few seconds to list its registrations.' : '';
      set({ notice: `Installation "${id}" ${how}.${later}` });
      await page(false);
    },
    async deleteInstallation(installationId) {
      await call('nhub.installations.delete', { credentialId: get().credentialId ?? '', installationId });
      set({ notice: `Installation "${installationId}" deleted.` });
      await page(false);
    },
    async deleteRegistration(registrationId) {
      await call('nhub.registrations.delete', { credentialId: get().credentialId ?? '', registrationId });
      set({
        rows: get().rows.filter((row) => row.registrationId !== registrationId),
        selectedId: null,
        notice: `Registration "${registrationId}" deleted.`,
      });
    },
  };
});
