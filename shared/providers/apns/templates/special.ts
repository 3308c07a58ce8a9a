import { EXAMPLE_TOPIC, json, type ApnsTemplate } from './types';

export const backgroundTemplate: ApnsTemplate = {
  id: 'apns.background',
  name: 'Silent background',
  description: 'Wakes the app to fetch content; nothing is shown. Must be priority 5 and is throttled by iOS.',
  options: { pushType: 'background', topic: EXAMPLE_TOPIC, priority: 5 },
  payload: json({ aps: { 'content-available': 1 }, sync: 'inbox' }),
};

export const voipTemplate: ApnsTemplate = {
  id: 'apns.voip',
  name: 'VoIP call (PushKit)',
  description:
    'An incoming call for PushKit; the app must report it to CallKit. Topic gets ".voip"; up to 5,120 bytes.',
  options: { pushType: 'voip', topic: `${EXAMPLE_TOPIC}.voip`, priority: 10, expiration: 0 },
  payload: json({ aps: {}, caller: { name: 'Ada Lovelace', handle: '+15555550100' }, callId: 'c-7' }),
};

export const locationQueryTemplate: ApnsTemplate = {
  id: 'apns.location',
  name: 'Location query',
  description: 'Asks the app’s Location Push Service Extension for the device location. Token auth only.',
  options: { pushType: 'location', topic: `${EXAMPLE_TOPIC}.location-query`, priority: 10 },
  payload: json({ aps: {} }),
};
