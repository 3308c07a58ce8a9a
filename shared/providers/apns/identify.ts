import { compactToken, type TargetIdentifier, type TargetReading } from '../../doctor/target-reading';
import { credentialKindsOf } from '../ids';
import { apnsIdentity } from './identity';

/**
 * A device token and a push-to-start token are the same shape (hex bytes from the device); only
 * where the app got it tells them apart (`registerForRemoteNotifications` vs ActivityKit's
 * `pushToStartTokenUpdates`), so both readings are given and the second says so.
 */
export const apnsTargets: TargetIdentifier = {
  identify(value) {
    const token = compactToken(value);
    // Hex from 20 bytes up is read as a token gone wrong (cut short, a digit lost) rather than ignored.
    if (!/^[0-9a-f]{40,}$/i.test(token)) return [];
    const problem = apnsIdentity.targetProblem(token);
    const detected = apnsIdentity.detector.detect(token) !== null;
    const facts = [`${token.length} hex digits (${Math.floor(token.length / 2)} bytes)`];
    if (token !== value) facts.push('spaces or <…> removed');
    if (/[A-F]/.test(token)) facts.push('upper-case hex: APNs takes either case');
    if (token.length === 64) facts.push('32 bytes, the length of every device token issued today');
    else if (token.length > 64 && !problem) facts.push('longer than 32 bytes: Apple says token length may grow');
    const problems = problem ? [problem] : [];
    const kinds = credentialKindsOf('apns');
    const device: TargetReading = {
      provider: 'apns',
      kind: 'apns-token',
      label: apnsIdentity.detector.kinds['apns-token'],
      confidence: problem || !detected ? 'possible' : 'likely',
      summary: problem
        ? `Hex like an APNs device token, but not one as it is: ${problem}`
        : 'An APNs device token. Its shape does not say whether it is for sandbox or production; the environment probe does.',
      facts,
      sendWith: 'APNs with an auth key (.p8) or a certificate (.p12), to the environment the app was built for.',
      credentialKinds: [...kinds],
      target: token,
      problems,
    };
    const pushToStart: TargetReading = {
      ...device,
      kind: 'apns-push-to-start',
      label: 'APNs push-to-start token',
      confidence: 'possible',
      summary:
        'Or a Live Activity push-to-start token: it has the same shape, so only where your app got it tells ' +
        '(ActivityKit’s pushToStartTokenUpdates on iOS 17.2 and later, not registerForRemoteNotifications); ' +
        'a Live Activity’s update token (pushTokenUpdates) looks the same too.',
      facts: [...facts, 'the shape alone cannot tell a push-to-start token from a device token'],
      sendWith:
        'APNs with an auth key (.p8; push-to-start takes token authentication only): push type liveactivity, topic <bundle id>.push-type.liveactivity, ' +
        'an aps with "event": "start", "attributes-type" and "attributes".',
      credentialKinds: ['apns-token'],
    };
    return [device, pushToStart];
  },
};
