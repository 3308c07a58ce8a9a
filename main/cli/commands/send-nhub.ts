import { AppError } from '../../../shared/errors';
import { parseTagExpression } from '../../../shared/providers/nhub/tag-expression';
import {
  NHUB_FORMATS,
  NHUB_WNS_TYPES,
  type NhubFormat,
  type NhubOptions,
} from '../../../shared/providers/nhub/message';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../command';
import {
  commonSendOptions,
  parseEnvironmentWithoutSandbox,
  readPayload,
  requireOption,
  runSend,
  splitHeaderArgument,
} from '../send-support';

/** `--header name=value`, repeatable; only apns-*, X-WNS-* and ServiceBusNotification-* make sense. */
export function parseHeaders(values: readonly string[] | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const item of values ?? []) {
    const header = splitHeaderArgument(item);
    if (!header)
      throw new AppError(
        'INVALID_INPUT',
        `--header takes name=value, not "${item}".`,
        'For example --header apns-push-type=alert',
      );
    if (header.name.toLowerCase() === 'authorization') {
      throw new AppError(
        'INVALID_INPUT',
        'The Authorization header is made from the credential; it cannot be given on the command line.',
      );
    }
    headers[header.name] = header.value;
  }
  return headers;
}

/**
 * `send nhub`: one Notification Hubs send to a tag expression, every registration, or one device
 * handle (direct). `--test` asks the hub for the per-registration outcome (up to 10); aim it at one
 * registration with `--tags '$InstallationId:{id}'` for a deterministic test send.
 */
export const sendNhubCommand: CliCommand = {
  path: ['send', 'nhub'],
  summary:
    'Send one Azure Notification Hubs notification (tags, broadcast or direct; --test shows per-registration outcomes).',
  usage:
    'send nhub --credential NAME --format apple|fcmv1|gcm|windows|template|browser|adm|baidu|xiaomi [--tags EXPR | --device-handle HANDLE] --payload FILE|- [--test] [--wns-type wns/toast|wns/tile|wns/badge|wns/raw] [--header name=value …] [--env production|local] [--json] [--har FILE] [--no-preflight]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...commonSendOptions,
      format: { type: 'string' },
      tags: { type: 'string' },
      'device-handle': { type: 'string' },
      payload: { type: 'string' },
      test: { type: 'boolean' },
      'wns-type': { type: 'string' },
      header: { type: 'string', multiple: true },
    });
    const credential = requireOption(values.credential, 'credential', 'my-hub');
    const format = requireOption(values.format, 'format', 'apple');
    if (!(NHUB_FORMATS as readonly string[]).includes(format)) {
      throw new AppError('INVALID_INPUT', `--format must be one of ${NHUB_FORMATS.join(', ')}; not "${format}".`);
    }
    if (values.tags !== undefined && values['device-handle'] !== undefined) {
      throw new AppError(
        'INVALID_INPUT',
        'Give either --tags or --device-handle, not both.',
        'Direct sends go to one handle; tag sends go to registrations.',
      );
    }
    if (values.test && values['device-handle'] !== undefined) {
      throw new AppError(
        'INVALID_INPUT',
        'The hub answers --test only for tag and broadcast sends, not direct ones.',
        "To test one registration, target its installation: --tags '$InstallationId:{id}'.",
      );
    }
    if (values.tags !== undefined) {
      const parsed = parseTagExpression(values.tags);
      if (!parsed.ok) {
        throw new AppError(
          'INVALID_INPUT',
          `--tags: ${parsed.error.message}`,
          `${values.tags}\n${' '.repeat(parsed.error.position)}^`,
        );
      }
    }
    const wnsType = values['wns-type'];
    if (wnsType !== undefined && !(NHUB_WNS_TYPES as readonly string[]).includes(wnsType)) {
      throw new AppError('INVALID_INPUT', `--wns-type must be ${NHUB_WNS_TYPES.join(', ')}; not "${wnsType}".`);
    }
    const payload = await readPayload(values.payload, io);
    // Notification Hubs has no sandbox host (the hub itself is configured for APNs sandbox or production).
    const environment = parseEnvironmentWithoutSandbox(
      values.env,
      'Notification Hubs has no sandbox endpoint',
      'Whether APNs sandbox is used is a setting of the hub in the Azure portal.',
    );
    const direct = values['device-handle'] !== undefined;
    const options: Partial<NhubOptions> = {
      format: format as NhubFormat,
      targetKind: direct ? 'direct' : values.tags !== undefined ? 'tags' : 'broadcast',
      test: values.test === true,
      headers: parseHeaders(values.header),
    };
    if (wnsType !== undefined) options.wnsType = wnsType as NhubOptions['wnsType'];
    return runSend(
      {
        provider: 'nhub',
        credential,
        environment,
        target: direct ? values['device-handle']! : (values.tags ?? ''),
        options: options as NhubOptions,
        payload,
      },
      values,
      io,
    );
  },
};
