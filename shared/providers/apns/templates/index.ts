import {
  alertTemplate,
  badgeTemplate,
  categoryTemplate,
  criticalAlertTemplate,
  localizedAlertTemplate,
  richMediaTemplate,
  soundTemplate,
  threadTemplate,
} from './alerts';
import {
  liveActivityAlertUpdateTemplate,
  liveActivityChannelStartTemplate,
  liveActivityEndTemplate,
  liveActivityStartTemplate,
  liveActivityUpdateTemplate,
} from './live-activity';
import { backgroundTemplate, locationQueryTemplate, voipTemplate } from './special';
import type { ApnsTemplate } from './types';

export type { ApnsTemplate } from './types';

export const apnsTemplates: readonly ApnsTemplate[] = [
  alertTemplate,
  localizedAlertTemplate,
  badgeTemplate,
  soundTemplate,
  criticalAlertTemplate,
  backgroundTemplate,
  voipTemplate,
  richMediaTemplate,
  categoryTemplate,
  threadTemplate,
  liveActivityStartTemplate,
  liveActivityChannelStartTemplate,
  liveActivityUpdateTemplate,
  liveActivityAlertUpdateTemplate,
  liveActivityEndTemplate,
  locationQueryTemplate,
];
