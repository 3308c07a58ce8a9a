import { describe, expect, it } from 'vitest';
import { commands } from '../../../../main/cli/commands';
import { PROVIDER_IDS } from '../../../../shared/providers/ids';

describe('commands', () => {
  it('has one send command per provider', () => {
    const sends = commands.map((command) => command.path.join(' ')).filter((path) => path.startsWith('send '));
    expect(new Set(sends)).toEqual(new Set(PROVIDER_IDS.map((provider) => `send ${provider}`)));
  });
});
