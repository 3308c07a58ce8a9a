import { describe, expect, it } from 'vitest';
import { parseWns } from '../../../../../main/core/credentials/wns';

const SID = 'ms-app://S-1-15-2-2972962901-2322836549-3722629029-1345238579-3987825745-2155616079-650196962';
const GUID = '6d8e3c2a-1b4f-4a5e-9c7d-0e1f2a3b4c5d';

describe('WNS parser', () => {
  it('reads a package SID and client secret', () => {
    const parsed = parseWns({ packageSid: ` ${SID} `, clientSecret: 's3cret' });
    expect(parsed.secret).toEqual({ kind: 'wns', flavor: 'package-sid', packageSid: SID, clientSecret: 's3cret' });
    expect(parsed.metadata).toEqual({ flavor: 'package-sid', packageSid: SID });
  });

  it('reads an Entra tenant id, client id and secret', () => {
    const parsed = parseWns({ tenantId: 'contoso.onmicrosoft.com', clientId: GUID, clientSecret: 's3cret' });
    expect(parsed.metadata).toEqual({ flavor: 'entra', tenantId: 'contoso.onmicrosoft.com', clientId: GUID });
    expect(JSON.stringify(parsed.metadata)).not.toContain('s3cret');
  });

  it('explains what is missing or malformed', () => {
    expect(() => parseWns({ clientSecret: 'x' })).toThrow(/Enter a package SID/);
    expect(() => parseWns({ packageSid: SID })).toThrow('The client secret is required.');
    expect(() => parseWns({ packageSid: 'S-1-15-2-1', clientSecret: 'x' })).toThrow(
      /must look like ms-app:\/\/S-1-15-2-…, not "S-1-15-2-1"/,
    );
    expect(() => parseWns({ clientId: GUID, clientSecret: 'x' })).toThrow(/tenant id is required/);
    expect(() => parseWns({ tenantId: 'not a tenant', clientId: GUID, clientSecret: 'x' })).toThrow(
      /tenant id must be a GUID or a domain/,
    );
    expect(() => parseWns({ tenantId: GUID, clientSecret: 'x' })).toThrow(/client \(application\) id is required/);
    expect(() => parseWns({ tenantId: GUID, clientId: 'app', clientSecret: 'x' })).toThrow(
      'The client id must be a GUID, not "app".',
    );
  });
});
