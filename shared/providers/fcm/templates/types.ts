import type { FcmOptions } from '../message';

/** A starting point in the composer's template menu: options, payload and, for topics, a target. */
export interface FcmTemplate {
  id: string;
  name: string;
  description: string;
  options: Partial<FcmOptions>;
  /** The `message` JSON without its target, pretty-printed. */
  payload: string;
  /** Set for topic and condition templates, whose target is part of the example. */
  target?: string;
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
