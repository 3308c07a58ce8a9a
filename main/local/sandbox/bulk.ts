import type { LocalEnvironment } from '../../core/local/local-env';
import { adminCall } from '../../emulators/admin-client';

/** Admin calls in flight at once: enough to hide the round trips, few enough for a busy machine. */
const ADMIN_CONCURRENCY = 8;

/** Runs `work` on every item, a few at a time, and keeps the results in the items' order. */
export async function eachLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ADMIN_CONCURRENCY, items.length) }, worker));
  return results;
}

/**
 * Registers with a token-keeping emulator (APNs, FCM) the targets it does not know yet, each once
 * (`canonical` says which spellings are the same token), and says how many that was.
 */
export async function registerUnknownTokens(
  env: LocalEnvironment,
  provider: 'apns' | 'fcm',
  targets: string[],
  canonical: (target: string) => string,
  device: (token: string) => Record<string, unknown>,
): Promise<number> {
  const known = await adminCall<Array<{ token: string }>>(env, provider, 'GET', '/__admin/devices');
  const fresh = unknownTargets(
    targets,
    known.map((d) => d.token),
    canonical,
  );
  await eachLimited(fresh, (token) => adminCall(env, provider, 'POST', '/__admin/devices', device(token)));
  return fresh.length;
}

function unknownTargets(targets: string[], known: string[], canonical: (target: string) => string): string[] {
  const seen = new Set(known.map(canonical));
  return targets.filter((target) => {
    const key = canonical(target);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
