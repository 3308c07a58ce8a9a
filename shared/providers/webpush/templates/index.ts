import { declarativeTemplate } from './declarative';
import { notificationTemplate } from './notification';
import { silentTemplate } from './silent';
import { textTemplate } from './text';
import type { WebpushTemplate } from './types';

export type { WebpushTemplate } from './types';
export const webpushTemplates: readonly WebpushTemplate[] = [
  notificationTemplate,
  silentTemplate,
  textTemplate,
  declarativeTemplate,
];
