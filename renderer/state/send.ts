import { create } from 'zustand';
import type { SendRequest } from '../../shared/domain/send-request';
import type { SendResult } from '../../shared/domain/send-result';
import type { PreflightIssue } from '../../shared/preflight/types';
import { call, guarded, toShownError, type ShownError } from '../bridge';
import { useAnnouncements } from './announcements';

interface SendSlice {
  issues: PreflightIssue[];
  preflightError: ShownError | null;
  /** A preflight is asked for and not answered yet: `issues` may be about an older draft. */
  preflightPending: boolean;
  sendId: string | null;
  result: SendResult | null;
  error: ShownError | null;
  preflight(request: SendRequest): void;
  /** `ignorePreflight`: "Send anyway", past preflight's errors (the result then lists them). */
  send(request: SendRequest, options?: { ignorePreflight?: boolean }): Promise<void>;
  cancel(): Promise<void>;
  clearResult(): void;
}

let preflightTimer: ReturnType<typeof setTimeout> | undefined;
let preflightSeq = 0;

export const useSend = create<SendSlice>((set, get) => ({
  issues: [],
  preflightError: null,
  preflightPending: false,
  sendId: null,
  result: null,
  error: null,
  preflight(request) {
    clearTimeout(preflightTimer);
    const seq = ++preflightSeq;
    set({ preflightPending: true });
    preflightTimer = setTimeout(async () => {
      try {
        const issues = await call('send.preflight', request);
        if (seq === preflightSeq) set({ issues, preflightError: null, preflightPending: false });
      } catch (error) {
        if (seq === preflightSeq) set({ issues: [], preflightError: toShownError(error), preflightPending: false });
      }
    }, 120);
  },
  async send(request, options = {}) {
    if (get().sendId) return;
    const sendId = crypto.randomUUID();
    set({ sendId, result: null });
    await guarded(set, async () => {
      const outcome = await call('send.run', {
        sendId,
        request,
        ...(options.ignorePreflight ? { ignorePreflight: true } : {}),
      });
      set({ result: outcome.result, issues: outcome.preflight });
      // Said once the send ends; a failure to send is the result panel's alert.
      useAnnouncements.getState().announce(outcomeSentence(outcome.result));
    });
    // Whatever happened, the composer is usable again: no endless "Sending…".
    set({ sendId: null });
  },
  async cancel() {
    const sendId = get().sendId;
    if (sendId) await call('send.cancel', { sendId }).catch(() => {});
  },
  clearResult() {
    set({ result: null, error: null });
  },
}));

/** "Send accepted: 200." / "Send rejected: 400 BadDeviceToken." */
export function outcomeSentence(result: SendResult): string {
  const detail = [result.status ?? 'no response', result.reason].filter(Boolean).join(' ');
  return `Send ${result.outcome}: ${detail}.`;
}
