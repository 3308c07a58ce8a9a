import { badgeGlyphs, badgeNumber } from './badge';
import { rawJson, rawText } from './raw';
import { tileAllSizes, tileBackground } from './tile';
import {
  toastActions,
  toastAlarm,
  toastAudio,
  toastImages,
  toastIncomingCall,
  toastReminder,
  toastText,
} from './toast';
import type { WnsTemplate } from './types';

export type { WnsTemplate } from './types';
export const wnsTemplates: readonly WnsTemplate[] = [
  toastText,
  toastImages,
  toastActions,
  toastAlarm,
  toastReminder,
  toastIncomingCall,
  toastAudio,
  tileAllSizes,
  tileBackground,
  badgeNumber,
  ...badgeGlyphs,
  rawJson,
  rawText,
];
