import type { WnsOptionsInput } from '../message';

export interface WnsTemplate {
  id: string;
  name: string;
  description: string;
  options: WnsOptionsInput;
  /** XML for toast/tile/badge, text for raw. */
  payload: string;
}
