import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseFcmServiceAccount } from '../../../../../main/core/credentials/fcm-service-account';

const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const ecPem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

const account = (change: Record<string, unknown> = {}) => ({
  type: 'service_account',
  project_id: 'demo-project',
  private_key_id: 'kid123',
  private_key: rsaPem,
  client_email: 'sender@demo-project.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.googleapis.com/token',
  ...change,
});
const parse = (json: unknown, fileName = 'sa.json') =>
  parseFcmServiceAccount({ file: Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)), fileName });

describe('FCM service account parser', () => {
  it('reads project id, client email, key id and token uri; the key stays in the secret', () => {
    const parsed = parse(account());
    expect(parsed.metadata).toEqual({
      projectId: 'demo-project',
      clientEmail: 'sender@demo-project.iam.gserviceaccount.com',
      keyId: 'kid123',
      tokenUri: 'https://oauth2.googleapis.com/token',
    });
    expect(parsed.secret.privateKeyPem).toBe(rsaPem);
    expect(JSON.stringify(parsed.metadata)).not.toContain('PRIVATE');
  });

  it('accepts a key whose newlines were escaped twice', () => {
    expect(parse(account({ private_key: rsaPem.replace(/\n/g, '\\n') })).secret.privateKeyPem).toBe(rsaPem);
  });

  it('says when the file is not JSON', () => {
    expect(() => parse('{"type": ', 'key.json')).toThrow(/^"key\.json" is not JSON \(/);
  });

  it('names each missing field', () => {
    for (const field of ['type', 'project_id', 'client_email', 'private_key', 'token_uri']) {
      expect(() => parse(account({ [field]: undefined }))).toThrow(`"sa.json" has no "${field}".`);
    }
  });

  it('names each malformed field', () => {
    expect(() => parse(account({ type: 'authorized_user' }))).toThrow(
      /"type" is "authorized_user"; FCM needs a service account key/,
    );
    expect(() => parse(account({ client_email: 'not-an-email' }))).toThrow(
      '"client_email" is not an email address ("not-an-email").',
    );
    expect(() => parse(account({ private_key: 'garbage' }))).toThrow(
      '"private_key" is not a readable PEM private key.',
    );
    expect(() => parse(account({ private_key: ecPem }))).toThrow(
      /"private_key" is a ec key; service accounts sign with RSA/,
    );
    expect(() => parse(account({ token_uri: 'nope' }))).toThrow('"token_uri" is not a URL ("nope").');
    expect(() => parse(account({ token_uri: 'http://oauth2.googleapis.com/token' }))).toThrow(
      '"token_uri" must be https, not http:.',
    );
    expect(() => parse(account({ project_id: 42 }))).toThrow('"project_id" in "sa.json" must be a string.');
    expect(() => parse([1, 2])).toThrow(/JSON but not a service account object/);
  });
});
