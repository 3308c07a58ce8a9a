import { beforeAll, describe, expect, it } from 'vitest';
import type { PreloadApi } from '../../../../shared/contract';
import type { useEmulators as UseEmulators } from '../../../../renderer/state/emulators';

// The Emulators screen's store, over a preload whose inbox answers arrive when the test says.
// The tab turns at once; each service's inbox is read after, and a slow answer for a tab left
// behind must never be shown under the tab turned to (an FCM push listed under APNs).
type Pending = { provider: string; resolve: (value: unknown) => void };
const inboxReads: Pending[] = [];
const deliveryOf = (provider: string) => ({ id: `${provider}-1`, provider, device: 'd1', payload: '{}' });

const preload = {
  calls: new Proxy(
    {},
    {
      get: (_target, name: string) => (input: { provider: string }) => {
        if (name === 'emulators.status') return Promise.resolve({ ok: true, value: { running: 'here' } });
        if (name === 'emulators.faults') return Promise.resolve({ ok: true, value: [] });
        if (name === 'emulators.inbox') {
          return new Promise((resolve) => inboxReads.push({ provider: input.provider, resolve }));
        }
        return Promise.resolve({ ok: true, value: null });
      },
    },
  ),
  events: new Proxy({}, { get: () => () => () => undefined }),
} as unknown as PreloadApi;

let useEmulators: typeof UseEmulators;

beforeAll(async () => {
  (globalThis as { window?: unknown }).window = { pushConsole: preload };
  ({ useEmulators } = await import('../../../../renderer/state/emulators'));
  await useEmulators.getState().refresh();
});

const answer = (provider: string) => {
  const read = inboxReads.find((pending) => pending.provider === provider)!;
  inboxReads.splice(inboxReads.indexOf(read), 1);
  read.resolve({ ok: true, value: [deliveryOf(provider)] });
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the emulators store', () => {
  it('shows no inbox under a newly chosen tab until that tab’s own inbox is read', async () => {
    const fcm = useEmulators.getState().select('fcm');
    answer('fcm');
    await fcm;
    expect(useEmulators.getState()).toMatchObject({ provider: 'fcm', shownFor: 'fcm' });
    expect(useEmulators.getState().inbox.map((d) => d.provider)).toEqual(['fcm']);

    const apns = useEmulators.getState().select('apns');
    expect(useEmulators.getState()).toMatchObject({ provider: 'apns', shownFor: null, inbox: [] });
    answer('apns');
    await apns;
    expect(useEmulators.getState().shownFor).toBe('apns');
    expect(useEmulators.getState().inbox.map((d) => d.provider)).toEqual(['apns']);
  });

  it('drops a late answer for a tab already left', async () => {
    const fcm = useEmulators.getState().select('fcm');
    const wns = useEmulators.getState().select('wns');
    answer('wns');
    await wns;
    answer('fcm');
    await fcm;
    await settle();
    expect(useEmulators.getState()).toMatchObject({ provider: 'wns', shownFor: 'wns' });
    expect(useEmulators.getState().inbox.map((d) => d.provider)).toEqual(['wns']);
  });
});
