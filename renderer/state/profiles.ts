import { create } from 'zustand';
import type { Profile, ProfileInput } from '../../shared/domain/profile';
import { call, guarded, type ShownError } from '../bridge';

interface ProfilesState {
  profiles: Profile[];
  loaded: boolean;
  error: ShownError | null;
  load(): Promise<void>;
  save(input: ProfileInput): Promise<Profile>;
  duplicate(id: string): Promise<Profile>;
  remove(id: string): Promise<void>;
}

export const useProfiles = create<ProfilesState>((set, get) => ({
  profiles: [],
  loaded: false,
  error: null,
  async load() {
    // One change on success: a long list renders once.
    await guarded(set, async () => set({ profiles: await call('profiles.list', {}), loaded: true }));
    if (!get().loaded) set({ loaded: true });
  },
  async save(input) {
    const saved = await call('profiles.save', input);
    await get().load();
    return saved;
  },
  async duplicate(id) {
    const copy = await call('profiles.duplicate', { id });
    await get().load();
    return copy;
  },
  async remove(id) {
    await call('profiles.remove', { id });
    await get().load();
  },
}));
