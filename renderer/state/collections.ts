import { create } from 'zustand';
import type { RunReport } from '../../shared/collections/report';
import type { CallOutput } from '../../shared/contract';
import type { Environment } from '../../shared/domain/environment';
import { call, guarded, type ShownError } from '../bridge';
import { useAnnouncements } from './announcements';

export type CollectionSummary = CallOutput<'collections.list'>[number];
export type OpenCollection = CallOutput<'collections.read'>;
export type CollectionEntry = OpenCollection['items'][number];

/** A run under way: which collection, how many requests, what part of it (all, a folder, the failed). */
export interface RunningRun {
  collection: string;
  count: number;
  scope: string;
}

interface CollectionsState {
  list: CollectionSummary[];
  /** The collections read so far, by name (the tree shows their requests). */
  opened: Record<string, OpenCollection>;
  /** `<collection>/<path>` of the request shown. */
  selected: string | null;
  environment: Environment;
  running: RunningRun | null;
  /** The last run's report, with what it covered. */
  report: (RunReport & { name: string; scope: string }) | null;
  busy: boolean;
  error: ShownError | null;
  /** The palette's "Run collection…": the screen moves focus to the first Run all once listed. */
  runAsked: boolean;
  askToRun(asked: boolean): void;
  load(): Promise<void>;
  select(key: string | null): void;
  setEnvironment(environment: Environment): void;
  /** `only`: the requests' paths (a folder's, or the failed ones); all when absent. */
  run(name: string, scope: string, only?: string[]): Promise<void>;
}

/** The workspace's collections (`collections.*`), the request shown, and the last run's results. */
export const useCollections = create<CollectionsState>((set, get) => ({
  list: [],
  opened: {},
  selected: null,
  environment: 'local',
  running: null,
  report: null,
  busy: false,
  error: null,
  runAsked: false,
  askToRun: (runAsked) => set({ runAsked }),
  load: () =>
    guarded(
      set,
      async () => {
        const list = await call('collections.list', {});
        set({ list });
        // Each is re-read, so a file changed on disk shows as it is now; a broken one shows empty
        // (the list's description says why).
        const opened: Record<string, OpenCollection> = {};
        for (const item of list) {
          opened[item.name] = await call('collections.read', { name: item.name }).catch(() => ({
            name: item.name,
            meta: {},
            items: [],
          }));
        }
        set({ opened });
      },
      { busy: true },
    ),
  select: (selected) => set({ selected }),
  setEnvironment: (environment) => set({ environment }),
  async run(name, scope, only) {
    if (get().running) return;
    const count = only?.length ?? get().opened[name]?.items.length ?? 0;
    set({ running: { collection: name, count, scope } });
    useAnnouncements.getState().announce(`Running ${count} request${count === 1 ? '' : 's'} of ${name}.`);
    await guarded(set, async () => {
      const report = await call('collections.run', {
        name,
        environment: get().environment,
        ...(only ? { only } : {}),
      });
      set({ report: { ...report, name, scope } });
      useAnnouncements.getState().announce(runSentence(report));
    });
    set({ running: null });
  },
}));

/** "3 passed, 1 failed, 0 errors." */
export function runSentence(report: RunReport): string {
  const { passed, failed, error, skipped } = report.counts;
  const parts = [`${passed} passed`, `${failed} failed`, `${error} error${error === 1 ? '' : 's'}`];
  if (skipped > 0) parts.push(`${skipped} skipped`);
  return `${parts.join(', ')}.`;
}
