import { describe, expect, it } from 'vitest';
import { requestForComposer, type Workspace } from '../../../../../renderer/features/collections/to-composer';
import type { Device } from '../../../../../shared/domain/device';
import type { Profile } from '../../../../../shared/domain/profile';

const workspace: Workspace = {
  profiles: [
    {
      id: 'p1',
      name: 'Sandbox apns (local)',
      provider: 'apns',
      credentialId: 'cred-apns',
      environment: 'local',
      defaults: { topic: 'dev.example', priority: 5 },
    } as unknown as Profile,
  ],
  credentials: [],
  devices: [{ id: 'd1', label: 'Sandbox iPhone', provider: 'apns', target: 'ab'.repeat(32) } as unknown as Device],
};

describe('requestForComposer', () => {
  it('looks up the profile and device, lays options over the defaults, and keeps placeholders as written', () => {
    const { request, notes } = requestForComposer(
      {
        provider: 'apns',
        profile: 'Sandbox apns (local)',
        device: 'Sandbox iPhone',
        options: { priority: 10 },
        payload: { aps: { alert: '{{vars.greeting}}' } },
      },
      '{"aps":{"alert":"{{vars.greeting}}"}}',
      workspace,
    );
    expect(request).toEqual({
      provider: 'apns',
      credential: 'cred-apns',
      environment: 'local',
      target: 'ab'.repeat(32),
      options: { topic: 'dev.example', priority: 10 },
      payload: '{\n  "aps": {\n    "alert": "{{vars.greeting}}"\n  }\n}',
    });
    expect(notes).toEqual(['{{vars.greeting}} stays as written: only a run of the collection fills variables.']);
  });

  it('names a profile or device the workspace lacks, and leaves text payloads as they are', () => {
    const { request, notes } = requestForComposer(
      { provider: 'wns', profile: 'Elsewhere', device: 'PC', payloadFile: 'toast.xml' },
      '<toast/>',
      workspace,
    );
    expect(request.payload).toBe('<toast/>');
    expect(request.target).toBe('');
    expect(notes).toEqual(['This workspace has no wns profile “Elsewhere”.', 'This workspace has no wns device “PC”.']);
  });
});
