import { generateKeyPairSync } from 'node:crypto';
import type { FcmServiceAccountSecret } from '../../main/core/credentials/fcm-service-account';

/** A service account with a fresh RSA key, shared by the FCM unit tests. */
export const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const secret: FcmServiceAccountSecret = {
  kind: 'fcm-service-account',
  projectId: 'demo-project',
  clientEmail: 'sender@demo-project.iam.gserviceaccount.com',
  privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  privateKeyId: 'key-1',
  tokenUri: 'https://oauth2.googleapis.com/token',
};
