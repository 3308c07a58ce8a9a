import { describe, expect, it } from 'vitest';
import { preflightWns } from '../../../../../shared/providers/wns/preflight';
import type { WnsOptionsInput } from '../../../../../shared/providers/wns/message';

const token = `AwYAAAD${'x'.repeat(80)}`;
const channel = `https://wns2-by3p.notify.windows.com/?token=${token}`;
const toast = '<toast><visual><binding template="ToastGeneric"><text>Hi</text></binding></visual></toast>';

function codes(input: { target?: string; options?: WnsOptionsInput; payload?: string }) {
  return preflightWns({
    target: input.target ?? channel,
    options: input.options ?? { type: 'toast' },
    payload: input.payload ?? toast,
  });
}
const only = (input: Parameters<typeof codes>[0]) => codes(input).map((issue) => `${issue.severity}:${issue.code}`);

describe('preflightWns', () => {
  it('passes a plain toast to a notify.windows.com channel', () => {
    expect(codes({})).toEqual([]);
  });

  describe('channel URI', () => {
    it('accepts any *.notify.windows.com host', () => {
      expect(only({ target: `https://cloud.notify.windows.com/?token=${token}` })).toEqual([]);
      expect(only({ target: `https://dm3p.notify.windows.com/w/?token=${token}` })).toEqual([]);
    });
    it('checks the token and the usual 100–200 character length (HOMEPOT)', () => {
      expect(only({ target: 'https://db5.notify.windows.com/?token=AwYAAAD' })).toEqual(['warning:wns.channel.short']);
      expect(codes({ target: 'https://db5.notify.windows.com/?token=AwYAAAD' })[0]?.message).toBe(
        'The channel URI is 45 characters; real ones are about 100–200, so it may be cut off.',
      );
      expect(only({ target: `https://db5.notify.windows.com/?token=${'y'.repeat(170)}` })).toEqual([
        'info:wns.channel.long',
      ]);
      expect(only({ target: `https://db5.notify.windows.com/?id=${'y'.repeat(90)}` })).toEqual([
        'warning:wns.channel.no-token',
      ]);
    });
    it('is an error when not a URL or not https', () => {
      expect(only({ target: 'not a url' })).toEqual(['error:wns.channel.invalid']);
      expect(only({ target: 'http://db5.notify.windows.com/?token=x' })).toEqual(['error:wns.channel.not-https']);
    });
    it('warns for other hosts, including look-alikes', () => {
      expect(only({ target: 'https://notify.windows.com.evil.example/?token=x' })).toEqual([
        'warning:wns.channel.foreign-host',
      ]);
      expect(only({ target: 'https://proxy.example.com/?token=x' })).toEqual(['warning:wns.channel.foreign-host']);
    });
    it('notes loopback (the emulator)', () => {
      expect(only({ target: 'https://127.0.0.1:4443/w/?token=x' })).toEqual(['info:wns.channel.loopback']);
    });
  });

  describe('XML', () => {
    it('reports malformed XML with line and column', () => {
      const [issue] = codes({ payload: '<toast>\n  <visual>\n</toast>' });
      expect(issue).toMatchObject({ severity: 'error', code: 'wns.xml.malformed' });
      expect(issue?.message).toMatch(
        /^The XML is not well-formed at line 3, column 1: <\/toast> does not match <visual>/,
      );
    });
    it('requires the root to match the type', () => {
      expect(codes({ options: { type: 'tile' } })[0]?.message).toBe(
        'A wns/tile payload must start with <tile>, not <toast>.',
      );
      expect(only({ options: { type: 'badge' }, payload: '<tile/>' })).toEqual(['error:wns.xml.wrong-root']);
    });
    it('warns when a toast has no single binding or too many actions', () => {
      expect(only({ payload: '<toast><visual/></toast>' })).toEqual(['warning:wns.toast.bindings']);
      const actions = '<action content="a" arguments="a"/>'.repeat(6);
      expect(only({ payload: toast.replace('</toast>', `<actions>${actions}</actions></toast>`) })).toEqual([
        'warning:wns.toast.too-many-actions',
      ]);
    });
    it('warns about a tile without bindings', () => {
      expect(only({ options: { type: 'tile' }, payload: '<tile><visual/></tile>' })).toEqual([
        'warning:wns.tile.no-binding',
      ]);
    });
    it('does not parse raw payloads', () => {
      expect(only({ options: { type: 'raw' }, payload: '<not xml' })).toEqual([]);
      expect(only({ options: { type: 'raw' }, payload: '' })).toEqual(['warning:wns.raw.empty']);
    });
  });

  describe('badge', () => {
    const badge = (value: string) => only({ options: { type: 'badge' }, payload: `<badge value="${value}"/>` });
    it('accepts 1–99 and every glyph', () => {
      expect(badge('1')).toEqual([]);
      expect(badge('99')).toEqual([]);
      expect(badge('newMessage')).toEqual([]);
      expect(badge('attention')).toEqual([]);
    });
    it('notes 0 (clears) and above 99 (99+)', () => {
      expect(badge('0')).toEqual(['info:wns.badge.clear']);
      expect(badge('150')).toEqual(['info:wns.badge.capped']);
    });
    it('rejects unknown glyphs, negative numbers and a missing value', () => {
      expect(badge('newmessage')).toEqual(['error:wns.badge.bad-value']);
      expect(badge('-1')).toEqual(['error:wns.badge.bad-value']);
      expect(only({ options: { type: 'badge' }, payload: '<badge/>' })).toEqual(['error:wns.badge.no-value']);
    });
  });

  it('limits the payload to 5000 bytes, counted in UTF-8', () => {
    expect(only({ options: { type: 'raw' }, payload: 'x'.repeat(5000) })).toEqual([]);
    const [issue] = codes({ options: { type: 'raw' }, payload: 'é'.repeat(2501) });
    expect(issue).toMatchObject({
      severity: 'error',
      code: 'wns.payload.too-large',
      message: 'Payload is 5,002 bytes; WNS allows 5,000',
    });
  });

  describe('headers', () => {
    it('limits tag and group to 16 letters or digits', () => {
      expect(
        only({
          options: { type: 'tile', tag: 'abcdefghij123456' },
          payload: '<tile><visual><binding template="TileSmall"/></visual></tile>',
        }),
      ).toEqual([]);
      expect(codes({ options: { type: 'toast', group: 'abcdefghij1234567' } })[0]).toMatchObject({
        code: 'wns.group.invalid',
        message: 'X-WNS-Group must be 1–16 letters or digits; "abcdefghij1234567" is 17 characters.',
      });
      expect(only({ options: { type: 'toast', tag: 'a-b' } })).toEqual([
        'error:wns.tag.invalid',
        'info:wns.tag.not-tile',
      ]);
    });
    it('checks TTL and priority ranges, noting the disputed 0', () => {
      expect(only({ options: { type: 'toast', ttl: -1 } })).toEqual(['error:wns.ttl.invalid']);
      expect(only({ options: { type: 'toast', ttl: 1.5 } })).toEqual(['error:wns.ttl.invalid']);
      expect(only({ options: { type: 'toast', priority: 4 } })).toEqual([]);
      expect(only({ options: { type: 'toast', priority: 5 } })).toEqual(['error:wns.priority.range']);
      expect(only({ options: { type: 'toast', priority: 0 } })).toEqual(['warning:wns.priority.zero']);
    });
    it('explains cache policy on toasts and SuppressPopup on Windows', () => {
      expect(only({ options: { type: 'toast', cachePolicy: 'cache' } })).toEqual(['info:wns.cache-policy.toast']);
      expect(only({ options: { type: 'toast', suppressPopup: true } })).toEqual([
        'warning:wns.suppress-popup.phone-only',
      ]);
    });
    it('checks the X-WNS-Match format and skips payload checks for that DELETE', () => {
      expect(only({ options: { type: 'toast', match: 'type:wns/toast;group=a;tag=b' }, payload: '' })).toEqual([]);
      expect(only({ options: { type: 'toast', match: 'type:wns/toast;all' }, payload: '' })).toEqual([]);
      expect(only({ options: { type: 'toast', match: 'tag=b' }, payload: '' })).toEqual(['error:wns.match.format']);
    });
  });
});
