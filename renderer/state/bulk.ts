import { create } from 'zustand';
import type { CallInput, CallOutput, EventPayload } from '../../shared/contract';
import { BULK_TARGETS_MAX, INLINE_TARGETS_MAX } from '../../shared/transfer-limits';
import type { Environment } from '../../shared/domain/environment';
import type { Provider } from '../../shared/domain/exchange';
import { bridge, call, guarded, type ShownError } from '../bridge';
import { uploadText } from '../bridge/upload';
import { ThrottledAnnouncer, useAnnouncements } from './announcements';
import { useDevices } from './devices';

type Progress = EventPayload<'send.progress'>;
type StartInput = CallInput<'bulk.start'>;

/** A list longer than a call carries inline goes up as an upload of one target per line. */
async function withLargeListUploaded(input: StartInput): Promise<StartInput> {
  const { targets, ...rest } = input;
  if (!targets || targets.length <= INLINE_TARGETS_MAX) return input;
  if (targets.length > BULK_TARGETS_MAX) {
    throw new Error(
      `This list has ${targets.length.toLocaleString()} targets; one bulk send takes at most ${BULK_TARGETS_MAX.toLocaleString()}.`,
    );
  }
  const text = targets.join('\n');
  return { ...rest, targetsUploadId: await uploadText(text, text.length, 'bulk-targets') };
}
type ResultsPage = CallOutput<'bulk.results'>;
type Groups = CallOutput<'bulk.groups'>;
const PAGE_MAX = 1000;

/**
 * What the user set up on the Devices screen's bulk panel. Kept here, not in the panel, so a
 * pasted list of thousands of targets survives a visit to another screen (and so does the panel
 * of a send still running).
 */
export interface BulkForm {
  pasting: boolean;
  provider: Provider;
  pasted: string;
  /** Targets read from a file: kept as a list, not shown in the text box (100,000 lines lay out slowly). */
  file: { name: string; targets: string[] } | null;
  profileId: string;
  concurrency: string;
}

/** Whose targets the run on screen sends to: enough to name them (device labels) on any screen. */
export interface BulkRun {
  provider: Provider;
  credentialId: string;
  environment: Environment;
}

interface BulkState {
  form: BulkForm;
  run: BulkRun | null;
  setForm(change: Partial<BulkForm>): void;
  sendId: string | null;
  progress: Progress | null;
  page: ResultsPage | null;
  /** The results counted by outcome and reason, once the run is over. */
  groups: Groups | null;
  /** How many final results the retry action would send again. */
  retryable: number;
  error: ShownError | null;
  /** Progress for screen readers, at most once a second (WCAG 4.1.3 without a flood of speech). */
  progressAnnouncer: ThrottledAnnouncer;
  start(input: StartInput): Promise<void>;
  control(action: 'pause' | 'resume' | 'cancel'): Promise<void>;
  loadResults(filter?: { outcome?: 'accepted' | 'rejected' | 'failed'; retryable?: boolean }): Promise<void>;
  retry(): Promise<void>;
  /** Every rejected or failed target of the run on screen, in result order (for a list to download). */
  problemTargets(): Promise<string[]>;
  /** A problem found before anything was sent (a file that is not a list of targets), or null. */
  setError(message: string | null): void;
}

export const useBulk = create<BulkState>((set, get) => ({
  form: { pasting: false, provider: 'apns', pasted: '', file: null, profileId: '', concurrency: '' },
  setForm: (change) => set((state) => ({ form: { ...state.form, ...change } })),
  run: null,
  sendId: null,
  progress: null,
  page: null,
  groups: null,
  retryable: 0,
  error: null,
  progressAnnouncer: new ThrottledAnnouncer((text) => useAnnouncements.getState().announce(text), 1000),
  async start(input) {
    const { provider, credential, environment } = input.request;
    set({
      page: null,
      groups: null,
      progress: null,
      retryable: 0,
      run: { provider, credentialId: credential, environment },
    });
    await guarded(set, async () => {
      const { sendId, total } = await call('bulk.start', await withLargeListUploaded(input));
      set({ sendId, progress: startingProgress(sendId, total) });
    });
  },
  async control(action) {
    const sendId = get().sendId;
    if (sendId) await guarded(set, () => call('bulk.control', { sendId, action }).then(() => undefined));
  },
  async loadResults(filter = {}) {
    const sendId = get().sendId;
    if (!sendId) return;
    await guarded(set, async () => {
      const [page, retryable, groups] = await Promise.all([
        call('bulk.results', { sendId, offset: 0, limit: 500, ...filter }),
        call('bulk.results', { sendId, offset: 0, limit: 1, retryable: true }),
        call('bulk.groups', { sendId }),
      ]);
      set({ page, retryable: retryable.total, groups });
    });
  },
  async problemTargets() {
    const sendId = get().sendId;
    if (!sendId) return [];
    const found: { index: number; target: string }[] = [];
    for (const outcome of ['rejected', 'failed'] as const) {
      // Bounded: the first page says how many there are.
      for (let offset = 0, total = 1; offset < total; offset += PAGE_MAX) {
        const page = await call('bulk.results', { sendId, offset, limit: PAGE_MAX, outcome });
        total = page.total;
        found.push(...page.items);
        if (page.items.length === 0) break;
      }
    }
    return found.sort((a, b) => a.index - b.index).map((item) => item.target);
  },
  setError: (message) => set({ error: message === null ? null : { code: 'INVALID_INPUT', message } }),
  async retry() {
    const sendId = get().sendId;
    if (!sendId) return;
    await guarded(set, async () => {
      const next = await call('bulk.retry', { sendId });
      set({
        sendId: next.sendId,
        page: null,
        groups: null,
        retryable: 0,
        progress: startingProgress(next.sendId, next.total),
      });
    });
  },
}));

// Progress events for the bulk send on screen; a finished run loads its results table.
bridge.on('send.progress', (progress) => {
  const state = useBulk.getState();
  if (progress.sendId !== state.sendId) return;
  useBulk.setState({ progress });
  state.progressAnnouncer.push(progressSentence(progress));
  if (progress.state === 'done' || progress.state === 'cancelled') {
    void state.loadResults();
    // Devices that answered Unregistered/410 are now marked gone.
    void useDevices.getState().load();
  }
});

/** "Bulk send running: 40 of 120, 40 accepted, 0 rejected, 0 failed." */
export function progressSentence(progress: Progress): string {
  const counts = `${progress.accepted} accepted, ${progress.rejected} rejected, ${progress.failed} failed`;
  return `Bulk send ${progress.state}: ${progress.done} of ${progress.total}, ${counts}.`;
}

/** What the panel shows between starting a run and its first progress event. */
function startingProgress(sendId: string, total: number): Progress {
  return {
    sendId,
    done: 0,
    total,
    accepted: 0,
    rejected: 0,
    failed: 0,
    ratePerSecond: 0,
    etaSeconds: null,
    state: 'running',
  };
}
