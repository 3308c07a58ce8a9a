import { describe, expect, it } from 'vitest';
import { sentences } from '../../../shared/text';

describe('sentences', () => {
  it('ends each part with a full stop, keeps the ones it has, and drops empty parts', () => {
    expect(sentences('Could not resolve login.live.com', 'Check the network.')).toBe(
      'Could not resolve login.live.com. Check the network.',
    );
    expect(sentences('It is not trusted (SELF_SIGNED_CERT_IN_CHAIN)', undefined, ' ')).toBe(
      'It is not trusted (SELF_SIGNED_CERT_IN_CHAIN).',
    );
    expect(sentences('Is it running?', 'Done!')).toBe('Is it running? Done!');
  });
});
