import { randomUUID } from 'node:crypto';
import {
  faultRuleSchema,
  type FaultAction,
  type FaultRule,
  type FaultRuleInput,
} from '../../../shared/domain/fault-rule';

interface LiveRule extends FaultRule {
  id: string;
  seen: number;
  hits: number;
}

/**
 * Decides, per request, whether a fault applies. Seeded so a test asking for "5% 503" gets the
 * same requests failed on every run.
 */
export class FaultInjector {
  readonly #rules: LiveRule[] = [];
  #state: number;

  constructor(seed = 0x5eed) {
    this.#state = seed >>> 0 || 1;
  }

  add(input: FaultRuleInput): FaultRule & { id: string } {
    const rule = faultRuleSchema.parse(input);
    const live: LiveRule = { ...rule, id: rule.id ?? randomUUID(), seen: 0, hits: 0 };
    this.#rules.push(live);
    return this.#public(live);
  }

  remove(id: string): boolean {
    const index = this.#rules.findIndex((rule) => rule.id === id);
    if (index >= 0) this.#rules.splice(index, 1);
    return index >= 0;
  }

  clear(): void {
    this.#rules.length = 0;
  }

  list(): Array<FaultRule & { id: string; hits: number }> {
    return this.#rules.map((rule) => ({ ...this.#public(rule), hits: rule.hits }));
  }

  /** The first rule that fires for this request, counted as a hit; null when none does. */
  pick(request: { path: string; device?: string }): FaultAction | null {
    for (const rule of this.#rules) {
      if (rule.times !== undefined && rule.hits >= rule.times) continue;
      if (rule.match.path !== undefined && !request.path.includes(rule.match.path)) continue;
      if (rule.match.device !== undefined && request.device !== rule.match.device) continue;
      rule.seen += 1;
      if (rule.nth !== undefined && rule.seen !== rule.nth) continue;
      if (rule.probability < 1 && this.#random() >= rule.probability) continue;
      rule.hits += 1;
      return rule.action;
    }
    return null;
  }

  #public(rule: LiveRule): FaultRule & { id: string } {
    const { seen: _seen, hits: _hits, ...rest } = rule;
    return rest;
  }

  // xorshift32: tiny, deterministic, good enough to spread faults across requests.
  #random(): number {
    let x = this.#state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#state = x >>> 0;
    return this.#state / 0x1_0000_0000;
  }
}
