import { z } from 'zod';
import { readJson, sendJson, type AnyRequest, type AnyResponse } from './admin';

/** Body of `PUT /__admin/clock`: how far the emulator's clock is from the computer's, within a year. */
export const clockBodySchema = z.object({
  offsetSeconds: z
    .number()
    .int()
    .min(-86_400 * 365)
    .max(86_400 * 365),
});

/**
 * An emulator's own clock, set off from the computer's by `PUT /__admin/clock`: how a computer's
 * wrong clock looks from the service's side (token lifetimes and the `Date` header follow it).
 */
export class EmulatorClock {
  #offsetMs = 0;
  readonly #base: () => number;

  constructor(base: () => number = () => Date.now()) {
    this.#base = base;
  }

  now = (): number => this.#base() + this.#offsetMs;

  /** The `Date` header value by this clock. */
  date(): string {
    return new Date(this.now()).toUTCString();
  }

  /** Answers `PUT|GET /__admin/clock`; false for any other route. */
  async handleAdmin(req: AnyRequest, res: AnyResponse, url: URL): Promise<boolean> {
    if (url.pathname !== '/__admin/clock') return false;
    if (req.method === 'GET') {
      sendJson(res, 200, { offsetSeconds: this.#offsetMs / 1000 });
      return true;
    }
    if (req.method !== 'PUT') return false;
    const parsed = clockBodySchema.safeParse(await readJson(req).catch(() => null));
    if (!parsed.success) {
      sendJson(res, 400, { error: 'invalid clock', issues: parsed.error.issues });
      return true;
    }
    this.#offsetMs = parsed.data.offsetSeconds * 1000;
    sendJson(res, 200, { offsetSeconds: parsed.data.offsetSeconds });
    return true;
  }
}
