import { create } from 'zustand';
import type { Device, DeviceInput } from '../../shared/domain/device';
import { call, guarded, type ShownError } from '../bridge';

interface DevicesState {
  devices: Device[];
  loaded: boolean;
  error: ShownError | null;
  selected: Set<string>;
  query: string;
  load(): Promise<void>;
  save(input: DeviceInput): Promise<{ updated: boolean }>;
  remove(ids: string[]): Promise<void>;
  prune(): Promise<number>;
  setQuery(query: string): void;
  toggle(id: string): void;
  selectOnly(ids: string[]): void;
}

export const useDevices = create<DevicesState>((set, get) => ({
  devices: [],
  loaded: false,
  error: null,
  selected: new Set(),
  query: '',
  async load() {
    // One change on success: a long list renders once.
    await guarded(set, async () => set({ devices: await call('devices.list', {}), loaded: true }));
    if (!get().loaded) set({ loaded: true });
  },
  async save(input) {
    const { updated } = await call('devices.save', input);
    await get().load();
    return { updated };
  },
  async remove(ids) {
    await call('devices.remove', { ids });
    const selected = new Set(get().selected);
    for (const id of ids) selected.delete(id);
    set({ selected });
    await get().load();
  },
  async prune() {
    const { removed } = await call('devices.prune', {});
    await get().load();
    return removed;
  },
  setQuery: (query) => set({ query }),
  toggle(id) {
    const selected = new Set(get().selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    set({ selected });
  },
  selectOnly: (ids) => set({ selected: new Set(ids) }),
}));

/** Case-insensitive match on label, target, tags, notes, provider, platform and a Live Activity device's kind, type and activity. */
export function filterDevices(devices: readonly Device[], query: string): Device[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...devices];
  return devices.filter((d) =>
    [
      d.label,
      d.target,
      d.notes,
      d.provider,
      d.platform,
      d.environment,
      d.state,
      d.kind ?? '',
      d.attributesType ?? '',
      d.activityId ?? '',
      ...d.tags,
    ].some((value) => value.toLowerCase().includes(q)),
  );
}
