import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WebpushEncryptionView } from '../../../../../../renderer/features/compose/webpush/EncryptionView';
import { encryptWebpush } from '../../../../../../main/core/providers/webpush/ece';
import type { WebpushNotes } from '../../../../../../shared/providers/webpush/notes';

const b64 = (text: string) => Buffer.from(text, 'base64url');
const SERVER_PRIVATE = 'yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw';
const AUTH = 'BTBZMqHH6r4Tts7J_aSIgg';

// Real notes from the encryptor (RFC 8291 Appendix A inputs), as a send records them.
const { note } = encryptWebpush({
  plaintext: Buffer.from('When I grow up, I want to be a watermelon'),
  uaPublic: b64('BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4'),
  authSecret: b64(AUTH),
  salt: b64('DGv6ra1nlYgDCS1FRnbzlw'),
  serverPrivateKey: b64(SERVER_PRIVATE),
});
const now = new Date('2026-01-01T00:00:00Z');
const notes: WebpushNotes = {
  pushService: 'Mozilla Push Service (Firefox)',
  encryption: note,
  vapid: {
    header: { typ: 'JWT', alg: 'ES256' },
    claims: {
      aud: 'https://updates.push.services.mozilla.com',
      exp: now.getTime() / 1000 + 43_200,
      sub: 'mailto:ops@example.com',
    },
    expiresAt: new Date(now.getTime() + 43_200_000).toISOString(),
    lifetimeSeconds: 43_200,
    publicKey: 'BKEY',
    reused: false,
  },
};

describe('Web Push encryption view', () => {
  it('shows salt, server key, sizes, padding, every step and the VAPID claims', () => {
    const html = renderToStaticMarkup(<WebpushEncryptionView notes={notes} now={now} />);
    expect(html).toContain('DGv6ra1nlYgDCS1FRnbzlw');
    expect(html).toContain('BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8');
    expect(html).toContain('4096 bytes (one record)');
    expect(html).toContain('delimiter 0x02, 0 zero bytes');
    expect(html).toContain('41 bytes of text → 144 bytes sent');
    expect(html).toContain('IKM 32, PRK 32, CEK 16, nonce 12 bytes');
    for (const step of note.steps) expect(html).toContain(`<td>${step.name}</td>`);
    expect(html).toContain('https://updates.push.services.mozilla.com');
    expect(html).toContain('mailto:ops@example.com');
    expect(html).toContain('expires in 12 h');
    expect(html).toContain('Mozilla Push Service (Firefox)');
  });

  it('never shows private parts', () => {
    const html = renderToStaticMarkup(<WebpushEncryptionView notes={notes} now={now} />);
    expect(html).not.toContain(SERVER_PRIVATE);
    expect(html).not.toContain(AUTH);
  });

  it('says when there was no payload, flags a missing sub, and ignores other notes', () => {
    const bare = { ...notes, encryption: null, vapid: { ...notes.vapid, claims: { aud: 'x', exp: 0 } } };
    const html = renderToStaticMarkup(<WebpushEncryptionView notes={bare} now={now} />);
    expect(html).toContain('No payload: nothing was encrypted.');
    expect(html).toContain('<strong>missing</strong>');
    expect(html).toContain('expired');
    expect(renderToStaticMarkup(<WebpushEncryptionView notes={{ jwt: 'apns' }} />)).toBe('');
  });
});
