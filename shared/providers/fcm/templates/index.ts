import { dataOnlyTemplate, notificationAndDataTemplate, notificationTemplate } from './basic';
import {
  androidHighPriorityDataTemplate,
  apnsOverrideTemplate,
  conditionTemplate,
  topicTemplate,
  webpushLinkTemplate,
} from './platform';
import {
  fcmLiveActivityEndTemplate,
  fcmLiveActivityStartTemplate,
  fcmLiveActivityUpdateTemplate,
} from './live-activity';
import type { FcmTemplate } from './types';

export type { FcmTemplate } from './types';

export const fcmTemplates: readonly FcmTemplate[] = [
  notificationTemplate,
  dataOnlyTemplate,
  notificationAndDataTemplate,
  androidHighPriorityDataTemplate,
  apnsOverrideTemplate,
  webpushLinkTemplate,
  topicTemplate,
  conditionTemplate,
  fcmLiveActivityStartTemplate,
  fcmLiveActivityUpdateTemplate,
  fcmLiveActivityEndTemplate,
];
