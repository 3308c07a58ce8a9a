import { AppError } from '../../../shared/errors';
import { WEBPUSH_DEFAULT_TTL, WEBPUSH_URGENCIES, type WebpushOptions } from '../../../shared/providers/webpush/message';
import type { SendRequest } from '../../../shared/domain/send-request';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../command';
import {
  commonSendOptions,
  parseEnvironmentWithoutSandbox,
  readArgumentFile,
  readPayload,
  requireOption,
  runPreflightOnly,
  runSend,
} from '../send-support';

/** `--subscription` takes the JSON itself or a file holding it (what the browser's toJSON() gave). */
async function readSubscription(value: string): Promise<string> {
  if (value.trim().startsWith('{')) return value;
  return readArgumentFile(
    value,
    'subscription file',
    'Pass the subscription JSON itself, or a file with JSON.stringify(subscription) from the browser.',
  );
}

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) {
    throw new AppError('INVALID_INPUT', `--${name} must be a whole number, 0 or more, not "${value}".`);
  }
  return Number(value);
}

export const sendWebpushCommand: CliCommand = {
  path: ['send', 'webpush'],
  summary: 'Send one Web Push message (VAPID + aes128gcm) to a browser subscription.',
  usage:
    'send webpush --credential VAPID --subscription FILE|JSON (--payload FILE|- | --no-payload) [--ttl SECONDS] [--urgency very-low|low|normal|high] [--topic NAME] [--vapid-exp SECONDS] [--padding BYTES] [--env production|local] [--dry-run] [--json] [--har FILE] [--no-preflight]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...commonSendOptions,
      subscription: { type: 'string' },
      payload: { type: 'string' },
      'no-payload': { type: 'boolean' },
      ttl: { type: 'string' },
      urgency: { type: 'string' },
      topic: { type: 'string' },
      'vapid-exp': { type: 'string' },
      padding: { type: 'string' },
    });
    const credential = requireOption(values.credential, 'credential', 'my-vapid-keys');
    const target = await readSubscription(requireOption(values.subscription, 'subscription', 'subscription.json'));
    if (values['no-payload'] && values.payload !== undefined) {
      throw new AppError('INVALID_INPUT', 'Give either --payload or --no-payload, not both.');
    }
    if (!values['no-payload'] && values.payload === undefined) {
      throw new AppError(
        'INVALID_INPUT',
        '--payload is required: a file path, or - for stdin.',
        'Use --no-payload for a push without data (the service worker gets event.data === null).',
      );
    }
    const payload = values['no-payload'] ? '' : await readPayload(values.payload, io);
    // Web Push has no sandbox: the browser's push service decides where it goes.
    const environment = parseEnvironmentWithoutSandbox(values.env, 'Web Push has no sandbox');
    if (values.urgency !== undefined && !(WEBPUSH_URGENCIES as readonly string[]).includes(values.urgency)) {
      throw new AppError('INVALID_INPUT', `--urgency must be very-low, low, normal or high, not "${values.urgency}".`);
    }
    const options: WebpushOptions = { ttl: wholeNumber(values.ttl, 'ttl') ?? WEBPUSH_DEFAULT_TTL };
    if (values.urgency !== undefined) options.urgency = values.urgency as WebpushOptions['urgency'];
    if (values.topic !== undefined) options.topic = values.topic;
    const vapidExp = wholeNumber(values['vapid-exp'], 'vapid-exp');
    if (vapidExp !== undefined) options.vapidExpiresIn = vapidExp;
    const padding = wholeNumber(values.padding, 'padding');
    if (padding !== undefined) options.padding = padding;
    const request: SendRequest = { provider: 'webpush', credential, environment, target, options, payload };
    // Web Push has no validate-only mode at the services, so --dry-run is our preflight alone.
    if (values['dry-run']) return runPreflightOnly(request, values, io);
    return runSend(request, values, io);
  },
};
