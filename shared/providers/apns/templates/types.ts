import type { ApnsOptions } from '../message';

/** A starting point in the composer's template menu: APNs options and a payload. */
export interface ApnsTemplate {
  id: string;
  name: string;
  description: string;
  options: Partial<ApnsOptions>;
  /** The JSON body, pretty-printed. */
  payload: string;
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Example bundle id; the composer replaces it with the credential's. */
export const EXAMPLE_TOPIC = 'com.example.app';
