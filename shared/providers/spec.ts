import type { Provider } from '../domain/exchange';
import { apnsTemplates } from './apns/templates';
import { fcmTemplates } from './fcm/templates';
import { nhubTemplates } from './nhub/templates';
import { webpushTemplates } from './webpush/templates';
import { wnsTemplates } from './wns/templates';

/** What every provider's templates have in common: the composer's template gallery reads these. */
export interface PayloadTemplate {
  id: string;
  name: string;
  description: string;
  options: Record<string, unknown>;
  payload: string;
  /** Some templates (FCM topic/condition) carry an example target. */
  target?: string;
}

/** Templates per provider, from shared/templates/<provider>/. */
export const templatesByProvider: Record<Provider, readonly PayloadTemplate[]> = {
  apns: apnsTemplates as readonly PayloadTemplate[],
  fcm: fcmTemplates as readonly PayloadTemplate[],
  wns: wnsTemplates as readonly PayloadTemplate[],
  webpush: webpushTemplates as readonly PayloadTemplate[],
  nhub: nhubTemplates as readonly PayloadTemplate[],
};
