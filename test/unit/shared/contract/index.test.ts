import { describe, expect, it } from 'vitest';
import { callNames, calls } from '../../../../shared/contract';
import { apnsChannelsCalls } from '../../../../shared/contract/apns-channels';
import { appCalls } from '../../../../shared/contract/app';
import { collectionsCalls } from '../../../../shared/contract/collections';
import { composeCalls } from '../../../../shared/contract/compose';
import { credentialsCalls } from '../../../../shared/contract/credentials';
import { devicesCalls } from '../../../../shared/contract/devices';
import { emulatorsCalls } from '../../../../shared/contract/emulators';
import { historyCalls } from '../../../../shared/contract/history';
import { liveActivityCalls } from '../../../../shared/contract/live-activity';
import { nhubRegistrationsCalls } from '../../../../shared/contract/nhub-registrations';
import { sandboxCalls } from '../../../../shared/contract/sandbox';
import { tokenDoctorCalls } from '../../../../shared/contract/token-doctor';
import { uploadsCalls } from '../../../../shared/contract/uploads';

const groups = {
  appCalls,
  composeCalls,
  devicesCalls,
  uploadsCalls,
  credentialsCalls,
  sandboxCalls,
  emulatorsCalls,
  historyCalls,
  nhubRegistrationsCalls,
  apnsChannelsCalls,
  tokenDoctorCalls,
  collectionsCalls,
  liveActivityCalls,
};

describe('the contract merged from its domain files', () => {
  // One object literal used to reject a repeated name; spreading domain objects silently keeps the last.
  it('has each call name in exactly one domain file', () => {
    const owners = new Map<string, string[]>();
    for (const [group, part] of Object.entries(groups)) {
      for (const name of Object.keys(part)) owners.set(name, [...(owners.get(name) ?? []), group]);
    }
    expect([...owners].filter(([, where]) => where.length > 1)).toEqual([]);
    expect(callNames).toHaveLength(owners.size);
  });

  it('keeps every domain call as it is in the merged contract', () => {
    for (const part of Object.values(groups)) {
      for (const [name, spec] of Object.entries(part)) expect(calls[name as keyof typeof calls]).toBe(spec);
    }
  });
});
