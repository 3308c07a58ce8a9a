import type { SendResult } from '../../shared/domain/send-result';
import { bridge } from '../bridge';

/**
 * Calls `load` after new send results (those `wanted` picks), at most a few times a second, so a
 * list stays current during a bulk send without a reload per result. Returns the unsubscribe.
 */
export function reloadOnSendResults(
  load: () => void,
  wanted: (result: SendResult) => boolean = () => true,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const off = bridge.on('send.result', (result) => {
    if (!wanted(result) || timer) return;
    timer = setTimeout(() => {
      timer = null;
      load();
    }, 300);
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
