import type { TargetIdentifier } from '../../doctor/target-reading';
import { isLoopbackHost } from '../webpush/push-services';
import { wnsIdentity } from './identity';

/**
 * The front-end host of a channel, e.g. `db5p` or `wns2-bn3p`. Microsoft says to check only that
 * the host is under notify.windows.com: "the subdomain of the channel URI may change and should
 * not be considered", and documents no separate China or government WNS cloud, so the doctor
 * names the host it saw and claims no more.
 */
function frontEnd(host: string): string | null {
  const match = /^(.+)\.notify\.windows\.com$/i.exec(host);
  return match ? match[1]! : null;
}

export const wnsTargets: TargetIdentifier = {
  identify(value) {
    if (!wnsIdentity.detector.detect(value)) return [];
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return [];
    }
    const local = isLoopbackHost(url.hostname);
    const host = frontEnd(url.hostname);
    const problem = wnsIdentity.targetProblem(value, local ? 'local' : 'production');
    const facts = [`host ${url.hostname}`];
    if (url.searchParams.has('token')) facts.push('a ?token= query, as WNS channels have');
    if (host) facts.push(`front end ${host}: a regional WNS host, which may change (Microsoft says not to rely on it)`);
    if (host?.startsWith('wns2-')) facts.push('wns2-… hosts also serve Edge’s Web Push subscriptions');
    const summary = local
      ? 'A channel URI of the local WNS emulator.'
      : host
        ? `A WNS channel URI in Microsoft’s public cloud (notify.windows.com, front end ${host}). Channels expire after 30 days; the app should send a fresh one.`
        : 'A WNS channel URI, but not on notify.windows.com.';
    return [
      {
        provider: 'wns',
        kind: 'wns-channel',
        label: wnsIdentity.detector.kinds['wns-channel'],
        confidence: problem ? 'possible' : host?.startsWith('wns2-') ? 'likely' : 'certain',
        summary,
        facts,
        sendWith: local
          ? 'WNS in the local environment, with any WNS credential the emulator knows (the sandbox’s).'
          : 'WNS with the app’s credential: its package SID and secret, or an Entra app mapped to the package.',
        credentialKinds: ['wns'],
        target: value,
        problems: problem ? [problem] : [],
      },
    ];
  },
};
