import { generateVapidKeys } from '../../core/providers/webpush/vapid';
import { parseCommandArgs } from '../args';
import { write, type CliCommand } from '../command';

/**
 * `vapid generate`: a new P-256 key pair for VAPID. The private key goes to stdout only (never a
 * file or a log); the advice on where to keep it goes to stderr so piping stdout stays clean.
 */
export const vapidGenerateCommand: CliCommand = {
  path: ['vapid', 'generate'],
  summary: 'Print a new VAPID key pair (public and private, base64url).',
  usage: 'vapid generate [--json]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
    const keys = generateVapidKeys();
    if (values.json) {
      write(io.stdout, JSON.stringify(keys));
    } else {
      write(io.stdout, `Public key:  ${keys.publicKey}`);
      write(io.stdout, `Private key: ${keys.privateKey}`);
    }
    write(
      io.stderr,
      'Keep the private key secret: store it in the keychain with "push-console credentials add vapid", and give the public key to your page as applicationServerKey.',
    );
    return 0;
  },
};
