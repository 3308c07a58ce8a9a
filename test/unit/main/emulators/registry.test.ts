import { describe, expect, it } from 'vitest';
import { EMULATORS } from '../../../../main/emulators/registry';
import { PROVIDER_IDS } from '../../../../shared/providers/ids';

describe('EMULATORS', () => {
  it('starts one emulator per provider, in id order', () => {
    expect(EMULATORS.map((factory) => factory.provider)).toEqual(PROVIDER_IDS);
  });
});
