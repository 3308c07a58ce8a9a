import type { WebpushOptions } from '../message';

export interface WebpushTemplate {
  id: string;
  name: string;
  description: string;
  options: WebpushOptions;
  /** Text the browser's service worker receives as `event.data`. */
  payload: string;
}
