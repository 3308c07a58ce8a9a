import type { Core } from '../core';
import type { Handlers } from './dispatcher';

type EmulatorCalls =
  | 'emulators.status'
  | 'emulators.start'
  | 'emulators.stop'
  | 'emulators.inbox'
  | 'emulators.clearInbox'
  | 'emulators.faults'
  | 'emulators.addFault'
  | 'emulators.removeFault'
  | 'emulators.liveActivities'
  | 'emulators.rotateActivityToken';

export function emulatorHandlers(core: Core): Pick<Handlers, EmulatorCalls> {
  const service = core.emulators;
  return {
    'emulators.status': () => service.status(),
    'emulators.start': async () => {
      await service.start();
      return service.status();
    },
    'emulators.stop': async () => {
      await service.stop();
      return service.status();
    },
    'emulators.inbox': ({ provider, device }) => service.inbox(provider, device),
    'emulators.clearInbox': ({ provider }) => {
      service.clearInbox(provider);
      return { cleared: true as const };
    },
    'emulators.faults': ({ provider }) => service.faults(provider),
    'emulators.addFault': ({ provider, rule }) => service.addFault(provider, rule),
    'emulators.removeFault': ({ provider, id }) => ({ removed: service.removeFault(provider, id) }),
    'emulators.liveActivities': () => service.liveActivities(),
    'emulators.rotateActivityToken': ({ activityId }) => service.rotateActivityToken(activityId),
  };
}

export function sandboxHandlers(
  core: Core,
): Pick<Handlers, 'sandbox.init' | 'sandbox.addDevices' | 'sandbox.registerDevices' | 'sandbox.addPushToStartToken'> {
  return {
    'sandbox.init': () => core.sandbox.init({ startEmulators: true }),
    'sandbox.addDevices': ({ provider, count }) => core.sandbox.addDevices(provider, count),
    'sandbox.registerDevices': ({ provider }) => core.sandbox.registerDevices(provider),
    'sandbox.addPushToStartToken': ({ attributesType }) => core.sandbox.addPushToStartToken(attributesType),
  };
}
