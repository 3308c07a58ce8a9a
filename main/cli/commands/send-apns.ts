import { AppError } from '../../../shared/errors';
import { apnsOptionsSchema, type ApnsOptions } from '../../../shared/providers/apns/message';
import { APNS_PUSH_TYPES } from '../../../shared/providers/apns/push-types';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../command';
import {
  commonSendOptions,
  deviceTarget,
  parseEnvironment,
  readPayload,
  requireOption,
  runSend,
} from '../send-support';

/** The preflight's words for a form field, said as the flag that fills it. */
const APNS_FLAG_WORDS = {
  'apns.topic.missing': "--topic is required for APNs token auth: pass the app's bundle id (--topic com.example.app).",
};

function wholeNumber(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new AppError('INVALID_INPUT', `--${name} must be a whole number, not "${value}".`);
  return Number(value);
}

/**
 * `send apns`: one notification over APNs' HTTP/2 provider API. The key or certificate comes from
 * the keychain by credential id or label, never from arguments. `--dry-run` runs the preflight
 * only: APNs has no validate-only call.
 */
export const sendApnsCommand: CliCommand = {
  path: ['send', 'apns'],
  summary: 'Send one APNs notification to a device token, or broadcast to a channel (token or certificate auth).',
  usage:
    'send apns --credential NAME (--token HEX | --device LABEL | --channel ID) --payload FILE|- [--env sandbox|production|local] [--push-type alert] [--topic BUNDLE] [--priority 10|5|1] [--expiration UNIX] [--collapse-id ID] [--apns-id UUID] [--port 443|2197] [--dry-run] [--json] [--har FILE] [--no-preflight]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...commonSendOptions,
      token: { type: 'string' },
      device: { type: 'string' },
      channel: { type: 'string' },
      payload: { type: 'string' },
      'push-type': { type: 'string' },
      topic: { type: 'string' },
      priority: { type: 'string' },
      expiration: { type: 'string' },
      'collapse-id': { type: 'string' },
      'apns-id': { type: 'string' },
      port: { type: 'string' },
    });
    const credential = requireOption(values.credential, 'credential', 'my-apns-key');
    const given = [values.token, values.device, values.channel].filter((v) => v !== undefined).length;
    if (given > 1) throw new AppError('INVALID_INPUT', 'Give one of --token, --device or --channel.');
    const device = values.device;
    // A broadcast names its channel instead of a device; its push type is always liveactivity.
    const channel = values.channel?.trim();
    const token =
      device === undefined && channel === undefined
        ? requireOption(values.token, 'token', '<64 hex digits from the device>')
        : '';
    const pushType = values['push-type'];
    if (pushType !== undefined && !(APNS_PUSH_TYPES as readonly string[]).includes(pushType)) {
      throw new AppError(
        'INVALID_INPUT',
        `--push-type must be one of ${APNS_PUSH_TYPES.join(', ')}; got "${pushType}".`,
      );
    }
    // What is not given is left to the schema's defaults (push type alert, port 443).
    const raw: Record<string, unknown> = pushType === undefined ? {} : { pushType };
    if (channel !== undefined) {
      if (channel === '')
        throw new AppError('INVALID_INPUT', '--channel needs the channel id (from apns channels list).');
      raw['channelId'] = channel;
      raw['pushType'] ??= 'liveactivity';
    }
    if (values.topic) raw['topic'] = values.topic;
    if (values.priority !== undefined) raw['priority'] = wholeNumber(values.priority, 'priority');
    if (values.expiration !== undefined) raw['expiration'] = wholeNumber(values.expiration, 'expiration');
    if (values['collapse-id'] !== undefined) raw['collapseId'] = values['collapse-id'];
    if (values['apns-id'] !== undefined) raw['apnsId'] = values['apns-id'];
    if (values.port !== undefined) raw['port'] = wholeNumber(values.port, 'port');
    const parsed = apnsOptionsSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const name = String(issue.path[0] ?? '');
      const flag = { priority: '--priority (10, 5 or 1)', port: '--port (443 or 2197)' }[name] ?? `--${name}`;
      throw new AppError('INVALID_INPUT', `${flag} is not valid: ${issue.message}.`);
    }
    const options: ApnsOptions = parsed.data;
    const payload = await readPayload(values.payload, io);
    const environment = parseEnvironment(values.env);
    return runSend(
      async (core) => ({
        provider: 'apns',
        credential,
        environment,
        target: (
          channel ?? (device === undefined ? token : await deviceTarget(core, 'apns', device, '--token'))
        ).replace(/[\s<>]/g, ''),
        options,
        payload,
      }),
      values,
      io,
      APNS_FLAG_WORDS,
    );
  },
};
