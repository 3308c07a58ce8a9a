import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyIdFromFileName, parseApnsP8 } from '../../../../../main/core/credentials/apns-p8';
import { generateFixtures, KEY_ID, TEAM_ID, type Fixtures } from '../../../../fixtures/generate';

let fx: Fixtures;
beforeAll(() => {
  fx = generateFixtures();
});
afterAll(() => rmSync(fx.dir, { recursive: true, force: true }));

const file = (path: string) => readFileSync(path);

describe('APNs .p8 parser', () => {
  it('reads a P-256 PKCS#8 key and guesses the key id from AuthKey_XXXXXXXXXX.p8', () => {
    const parsed = parseApnsP8({ file: file(fx.p8), fileName: `AuthKey_${KEY_ID}.p8`, teamId: TEAM_ID.toLowerCase() });
    expect(parsed.secret).toMatchObject({ kind: 'apns-token', keyId: KEY_ID, teamId: TEAM_ID });
    expect(parsed.secret.keyPem).toContain('-----BEGIN PRIVATE KEY-----');
    expect(parsed.metadata).toEqual({ keyId: KEY_ID, teamId: TEAM_ID, keyIdFromFileName: true, fileNameKeyId: KEY_ID });
    expect(JSON.stringify(parsed.metadata)).not.toContain('PRIVATE KEY');
  });

  it('prefers a typed key id over the file name', () => {
    const parsed = parseApnsP8({
      file: file(fx.p8),
      fileName: `AuthKey_${KEY_ID}.p8`,
      keyId: 'ZZZ999YYY8',
      teamId: TEAM_ID,
    });
    expect(parsed.metadata['keyId']).toBe('ZZZ999YYY8');
    expect(parsed.metadata['keyIdFromFileName']).toBe(false);
  });

  it('guesses only from Apple-shaped names', () => {
    expect(keyIdFromFileName('/downloads/AuthKey_AB12CD34EF.p8')).toBe('AB12CD34EF');
    expect(keyIdFromFileName('AuthKey_SHORT.p8')).toBeUndefined();
    expect(keyIdFromFileName(undefined)).toBeUndefined();
  });

  it('refuses a file that is not PEM', () => {
    expect(() =>
      parseApnsP8({ file: Buffer.from([0x30, 0x82, 0x01]), fileName: 'key.der', keyId: KEY_ID, teamId: TEAM_ID }),
    ).toThrow(/"key\.der" is not a PEM file/);
  });

  it('refuses a PEM that holds no readable key', () => {
    const broken = Buffer.from('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    expect(() => parseApnsP8({ file: broken, keyId: KEY_ID, teamId: TEAM_ID })).toThrow(
      /holds no readable private key/,
    );
  });

  it('names the wrong curve', () => {
    expect(() => parseApnsP8({ file: file(fx.p8P384), keyId: KEY_ID, teamId: TEAM_ID })).toThrow(
      /curve secp384r1; APNs needs P-256/,
    );
  });

  it('names the wrong key type', () => {
    expect(() => parseApnsP8({ file: file(fx.p8Rsa), keyId: KEY_ID, teamId: TEAM_ID })).toThrow(
      /is an RSA key; APNs token auth needs the EC P-256/,
    );
  });

  it('explains malformed and missing ids', () => {
    expect(() => parseApnsP8({ file: file(fx.p8), keyId: 'ABC', teamId: TEAM_ID })).toThrow(
      'Key ID must be exactly 10 letters or digits, not "ABC" (3 characters).',
    );
    expect(() => parseApnsP8({ file: file(fx.p8), keyId: KEY_ID, teamId: 'TEAM-12345' })).toThrow(
      /Team ID must be exactly 10/,
    );
    expect(() => parseApnsP8({ file: file(fx.p8), fileName: 'key.p8', teamId: TEAM_ID })).toThrow(/Key ID is required/);
    expect(() => parseApnsP8({ file: file(fx.p8), keyId: KEY_ID })).toThrow(/Team ID is required/);
  });

  it('asks for a file when none was given', () => {
    expect(() => parseApnsP8({ keyId: KEY_ID, teamId: TEAM_ID })).toThrow('Choose the .p8 key file to import.');
  });
});
