import type { SendRequest } from '../../../shared/domain/send-request';
import { AppError } from '../../../shared/errors';
import { WNS_TYPES, type WnsOptions, type WnsType } from '../../../shared/providers/wns/message';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../command';
import {
  commonSendOptions,
  parseEnvironmentWithoutSandbox,
  readPayload,
  requireOption,
  runPreflightOnly,
  runSend,
  splitHeaderArgument,
} from '../send-support';

function bool(name: string, value: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new AppError('INVALID_INPUT', `${name} must be true or false, not "${value}".`);
}

function integer(name: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new AppError('INVALID_INPUT', `${name} must be a whole number, not "${value}".`);
  return Number(value);
}

/** `--header X-WNS-…=value`, repeatable; each known X-WNS header becomes its option. */
export function applyWnsHeaders(headers: readonly string[], options: WnsOptions): WnsOptions {
  const next: WnsOptions = { ...options };
  for (const entry of headers) {
    const header = splitHeaderArgument(entry);
    if (!header) throw new AppError('INVALID_INPUT', `--header needs NAME=VALUE, e.g. X-WNS-TTL=60, not "${entry}".`);
    const name = header.name;
    const value = header.value.trim();
    switch (name.toLowerCase()) {
      case 'x-wns-cache-policy':
        if (value !== 'cache' && value !== 'no-cache') {
          throw new AppError('INVALID_INPUT', `X-WNS-Cache-Policy must be cache or no-cache, not "${value}".`);
        }
        next.cachePolicy = value;
        break;
      case 'x-wns-requestforstatus':
        next.requestForStatus = bool(name, value);
        break;
      case 'x-wns-tag':
        next.tag = value;
        break;
      case 'x-wns-group':
        next.group = value;
        break;
      case 'x-wns-match':
        next.match = value;
        break;
      case 'x-wns-ttl':
        next.ttl = integer(name, value);
        break;
      case 'x-wns-suppresspopup':
        next.suppressPopup = bool(name, value);
        break;
      case 'x-wns-priority':
        next.priority = integer(name, value);
        break;
      case 'x-wns-type':
        throw new AppError('INVALID_INPUT', 'Set the type with --type toast|tile|badge|raw, not --header X-WNS-Type.');
      default:
        throw new AppError(
          'INVALID_INPUT',
          `--header ${name} is not an X-WNS header this client sends.`,
          'Known: X-WNS-Cache-Policy, X-WNS-RequestForStatus, X-WNS-Tag, X-WNS-Group, X-WNS-Match, X-WNS-TTL, X-WNS-SuppressPopup, X-WNS-PRIORITY.',
        );
    }
  }
  return next;
}

export const sendWnsCommand: CliCommand = {
  path: ['send', 'wns'],
  summary: 'Send one WNS notification (toast, tile, badge or raw) to a channel URI.',
  usage:
    'send wns --credential WNS --channel URI --type toast|tile|badge|raw --payload FILE|- [--header X-WNS-NAME=VALUE]... [--env production|local] [--dry-run] [--json] [--har FILE] [--no-preflight]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...commonSendOptions,
      channel: { type: 'string' },
      type: { type: 'string' },
      payload: { type: 'string' },
      header: { type: 'string', multiple: true },
    });
    const credential = requireOption(values.credential, 'credential', 'my-wns-app');
    const target = requireOption(values.channel, 'channel', 'https://wns2-by3p.notify.windows.com/?token=…');
    const type = values.type ?? 'toast';
    if (!(WNS_TYPES as readonly string[]).includes(type)) {
      throw new AppError('INVALID_INPUT', `--type must be toast, tile, badge or raw, not "${type}".`);
    }
    const options = applyWnsHeaders(values.header ?? [], { type: type as WnsType });
    // A DELETE with X-WNS-Match has no body, so the payload is optional only then.
    const payload =
      options.match !== undefined && values.payload === undefined ? '' : await readPayload(values.payload, io);
    const environment = parseEnvironmentWithoutSandbox(values.env, 'WNS has no sandbox');
    const request: SendRequest = { provider: 'wns', credential, environment, target, options, payload };
    // WNS has no validate-only mode, so a dry run is the preflight alone.
    if (values['dry-run']) return runPreflightOnly(request, values, io);
    return runSend(request, values, io);
  },
};
