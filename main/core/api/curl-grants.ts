import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';

/** How long a confirmation stays good: long enough to click, short enough that a stale one is useless. */
export const CURL_GRANT_SECONDS = 30;
// A page asks for one grant per confirmation; more outstanding than this is a script, not a person.
const MAX_OUTSTANDING = 16;

const CONFIRM_HINT = 'Choose "Copy with secrets…" again and confirm.';

interface Pending {
  readonly exchangeId: string;
  readonly expiresAt: number;
}

/**
 * One-time confirmations for copying an exchange as curl with its live secrets. A grant names one
 * exchange, is good for 30 seconds and is spent by its first use, right or wrong, so a grant seen
 * once (in a log, a devtools frame) opens nothing.
 */
export class CurlGrants {
  readonly #pending = new Map<string, Pending>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  issue(exchangeId: string): { grant: string; expiresInSeconds: number } {
    const now = this.#now();
    for (const [grant, pending] of this.#pending) if (pending.expiresAt <= now) this.#pending.delete(grant);
    // Maps iterate in insertion order, so the first key is the oldest.
    while (this.#pending.size >= MAX_OUTSTANDING) this.#pending.delete(this.#pending.keys().next().value!);
    const grant = randomBytes(18).toString('base64url');
    this.#pending.set(grant, { exchangeId, expiresAt: now + CURL_GRANT_SECONDS * 1000 });
    return { grant, expiresInSeconds: CURL_GRANT_SECONDS };
  }

  /** Spends the grant; throws a human error unless it was issued for this exchange and is still fresh. */
  redeem(grant: string | undefined, exchangeId: string): void {
    if (grant === undefined) {
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        'Copying a command with its live secrets needs your confirmation first.',
        CONFIRM_HINT,
      );
    }
    const pending = this.#pending.get(grant);
    this.#pending.delete(grant);
    if (!pending) {
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        'This confirmation has already been used, or was never given.',
        CONFIRM_HINT,
      );
    }
    if (pending.expiresAt <= this.#now()) {
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        `This confirmation expired; it is good for ${CURL_GRANT_SECONDS} seconds.`,
        CONFIRM_HINT,
      );
    }
    if (pending.exchangeId !== exchangeId) {
      throw new AppError('CONFIRMATION_REQUIRED', 'This confirmation was given for another exchange.', CONFIRM_HINT);
    }
  }
}
