import type { WnsOptionsInput } from '../../providers/wns/message';

export interface WnsTemplate {
  id: string;
  name: string;
  description: string;
  options: WnsOptionsInput;
  /** XML for toast/tile/badge, text for raw. */
  payload: string;
}
