import { describe, expect, it } from 'vitest';
import { Inbox } from '../../../../../main/emulators/common/inbox';

describe('emulator inbox', () => {
  it('keeps only the newest deliveries up to its cap, in order, whatever the trimming batch', () => {
    const inbox = new Inbox(32);
    const seen: string[] = [];
    inbox.subscribe((delivery) => seen.push(delivery.device));
    for (let i = 0; i < 100; i++) {
      inbox.record({ provider: 'apns', device: `d${i}`, headers: {}, payload: String(i) });
      expect(inbox.size).toBe(Math.min(i + 1, 32));
      expect(inbox.list().at(-1)!.payload).toBe(String(i));
    }
    expect(inbox.list().map((delivery) => delivery.payload)).toEqual(
      Array.from({ length: 32 }, (_, k) => String(68 + k)),
    );
    expect(inbox.list('d99')).toHaveLength(1);
    expect(inbox.list('d10')).toHaveLength(0);
    expect(seen).toHaveLength(100);
  });
});
