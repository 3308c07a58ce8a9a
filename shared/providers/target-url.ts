import type { Environment } from '../domain/environment';

/** The local emulators serve plain http on loopback; real services are https only. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * Why a target URL (a WNS channel, a Web Push endpoint) cannot be one, in words, or null: it must
 * be https, on a host `host` accepts (named by `hostName` in the sentence), except on loopback in
 * `local`, where the emulators answer plain http.
 */
export function targetUrlProblem(
  text: string,
  environment: Environment,
  what: string,
  host?: { test(hostname: string): boolean; name: string },
): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${what} is not a URL (it should start with https://).`;
  }
  if (environment === 'local' && LOOPBACK.test(url.hostname)) return null;
  if (url.protocol !== 'https:') return `${what} must be an https URL; this one starts with ${url.protocol}//.`;
  if (host && !host.test(url.hostname)) return `${what} must be on ${host.name}, not ${url.hostname}.`;
  return null;
}
