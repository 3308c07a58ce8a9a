import type { WnsTemplate } from './types';

const img = 'https://picsum.photos';

export const toastText: WnsTemplate = {
  id: 'wns-toast-text',
  name: 'Toast: text',
  description: 'ToastGeneric with a title, a body line and an attribution line.',
  options: { type: 'toast' },
  payload: `<toast launch="action=open&amp;id=42">
  <visual>
    <binding template="ToastGeneric">
      <text>Build finished</text>
      <text>All 212 tests passed on main.</text>
      <text placement="attribution">via Push Console</text>
    </binding>
  </visual>
</toast>`,
};

export const toastImages: WnsTemplate = {
  id: 'wns-toast-images',
  name: 'Toast: logo and hero image',
  description: 'App logo override (circle crop), an inline image and a hero image.',
  options: { type: 'toast' },
  payload: `<toast>
  <visual>
    <binding template="ToastGeneric">
      <text>Ada shared a photo</text>
      <text>Sunset over the harbour</text>
      <image placement="appLogoOverride" hint-crop="circle" src="${img}/id/64/96/96" alt="Ada"/>
      <image placement="hero" src="${img}/id/1015/728/360" alt="Harbour"/>
      <image src="${img}/id/1016/364/180" alt="Detail"/>
    </binding>
  </visual>
</toast>`,
};

export const toastActions: WnsTemplate = {
  id: 'wns-toast-actions',
  name: 'Toast: reply and buttons',
  description: 'A text input with a reply button, plus Like and Dismiss actions.',
  options: { type: 'toast' },
  payload: `<toast launch="action=viewConversation&amp;conversationId=9813">
  <visual>
    <binding template="ToastGeneric">
      <text>Grace Hopper</text>
      <text>Are we still on for the demo at 3?</text>
    </binding>
  </visual>
  <actions>
    <input id="reply" type="text" placeHolderContent="Type a reply"/>
    <action content="Send" arguments="action=reply&amp;conversationId=9813" activationType="background" hint-inputId="reply"/>
    <action content="Like" arguments="action=like&amp;conversationId=9813" activationType="background"/>
    <action content="Dismiss" arguments="dismiss" activationType="system"/>
  </actions>
</toast>`,
};

export const toastAlarm: WnsTemplate = {
  id: 'wns-toast-alarm',
  name: 'Toast: alarm',
  description: 'Alarm scenario: stays on screen and loops the alarm sound, with snooze and dismiss.',
  options: { type: 'toast' },
  payload: `<toast scenario="alarm" launch="alarm=wake">
  <visual>
    <binding template="ToastGeneric">
      <text>Alarm</text>
      <text>07:00 Wake up</text>
    </binding>
  </visual>
  <actions>
    <input id="snoozeTime" type="selection" defaultInput="5">
      <selection id="5" content="5 minutes"/>
      <selection id="10" content="10 minutes"/>
    </input>
    <action activationType="system" arguments="snooze" hint-inputId="snoozeTime" content=""/>
    <action activationType="system" arguments="dismiss" content=""/>
  </actions>
  <audio src="ms-winsoundevent:Notification.Looping.Alarm" loop="true"/>
</toast>`,
};

export const toastReminder: WnsTemplate = {
  id: 'wns-toast-reminder',
  name: 'Toast: reminder',
  description: 'Reminder scenario: stays until the user acts.',
  options: { type: 'toast' },
  payload: `<toast scenario="reminder" launch="event=1983">
  <visual>
    <binding template="ToastGeneric">
      <text>Design review</text>
      <text>Room 4 · 14:00–15:00</text>
    </binding>
  </visual>
  <actions>
    <action activationType="system" arguments="snooze" content=""/>
    <action activationType="system" arguments="dismiss" content=""/>
  </actions>
  <audio src="ms-winsoundevent:Notification.Reminder"/>
</toast>`,
};

export const toastIncomingCall: WnsTemplate = {
  id: 'wns-toast-incoming-call',
  name: 'Toast: incoming call',
  description: 'incomingCall scenario with a caller picture and answer/decline buttons.',
  options: { type: 'toast' },
  payload: `<toast scenario="incomingCall" launch="call=incoming&amp;id=77">
  <visual>
    <binding template="ToastGeneric">
      <text hint-callScenarioCenterAlign="true">Katherine Johnson</text>
      <text hint-callScenarioCenterAlign="true">Incoming video call</text>
      <image placement="appLogoOverride" hint-crop="circle" src="${img}/id/65/96/96" alt="Katherine"/>
    </binding>
  </visual>
  <actions>
    <action content="Answer" arguments="action=answer&amp;id=77" hint-buttonStyle="Success"/>
    <action content="Decline" arguments="action=decline&amp;id=77" activationType="background" hint-buttonStyle="Critical"/>
  </actions>
  <audio src="ms-winsoundevent:Notification.Looping.Call" loop="true"/>
</toast>`,
};

export const toastAudio: WnsTemplate = {
  id: 'wns-toast-audio',
  name: 'Toast: custom sound',
  description: 'A toast that plays the instant-message sound.',
  options: { type: 'toast' },
  payload: `<toast>
  <visual>
    <binding template="ToastGeneric">
      <text>New message</text>
      <text>Linus: pushed the fix, please pull.</text>
    </binding>
  </visual>
  <audio src="ms-winsoundevent:Notification.IM"/>
</toast>`,
};
