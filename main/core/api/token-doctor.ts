import { fitsFor, identifyTarget } from '../../../shared/doctor/identify-target';
import type { Core } from '../core';
import { probeApnsEnvironment } from '../doctor/apns-probe';
import type { Handlers } from './dispatcher';

type TokenDoctorCalls = 'doctor.identifyTarget' | 'doctor.probeApnsEnvironment';

export function tokenDoctorHandlers(core: Core): Pick<Handlers, TokenDoctorCalls> {
  return {
    'doctor.identifyTarget': async ({ text }) => {
      const readings = identifyTarget(text);
      if (readings.length === 0) return { readings: [] };
      const [credentials, profiles] = await Promise.all([core.credentials.list(), core.profiles.list()]);
      return { readings: readings.map((reading) => ({ ...reading, ...fitsFor(reading, credentials, profiles) })) };
    },
    'doctor.probeApnsEnvironment': ({ confirmed: _confirmed, ...input }) => probeApnsEnvironment(core, input),
  };
}
