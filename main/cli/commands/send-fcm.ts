import { AppError } from '../../../shared/errors';
import type { FcmTargetKind } from '../../../shared/providers/fcm/message';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../command';
import {
  commonSendOptions,
  parseEnvironmentWithoutSandbox,
  readPayload,
  requireOption,
  runSend,
} from '../send-support';

/**
 * `send fcm`: one FCM HTTP v1 message. `--dry-run` is FCM's own validate_only: the service
 * checks the message and the target and delivers nothing, so it still needs the network.
 */
export const sendFcmCommand: CliCommand = {
  path: ['send', 'fcm'],
  summary: 'Send one FCM HTTP v1 message to a registration token, a topic or a condition.',
  usage:
    'send fcm --credential NAME (--token T | --topic NAME | --condition EXPR) --message FILE|- [--env production|local] [--dry-run] [--json] [--har FILE] [--no-preflight]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...commonSendOptions,
      token: { type: 'string' },
      topic: { type: 'string' },
      condition: { type: 'string' },
      message: { type: 'string' },
    });
    const credential = requireOption(values.credential, 'credential', 'my-firebase-project');
    const given = (['token', 'topic', 'condition'] as const).filter((name) => values[name] !== undefined);
    if (given.length !== 1) {
      throw new AppError(
        'INVALID_INPUT',
        given.length === 0
          ? 'Say where to send: --token, --topic or --condition.'
          : `Give only one target; got --${given.join(' and --')}.`,
        "For example --topic news, or --condition \"'news' in topics && 'sports' in topics\".",
      );
    }
    const targetKind: FcmTargetKind = given[0]!;
    const payload = await readPayload(values.message, io, '--message');
    // FCM has no sandbox host; the CLI's default "sandbox" would mean production here, so say so.
    const environment = parseEnvironmentWithoutSandbox(
      values.env,
      'FCM has no sandbox',
      'Use --dry-run for a send FCM validates but does not deliver.',
    );
    return runSend(
      {
        provider: 'fcm',
        credential,
        environment,
        target: values[targetKind]!,
        options: { targetKind, validateOnly: values['dry-run'] === true },
        payload,
      },
      values,
      io,
    );
  },
};
