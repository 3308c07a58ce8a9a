import { AppError } from '../../../shared/errors';
import type { CallInput, CallOutput } from '../../../shared/contract';
import { APNS_CHANNEL_LIMIT, STORAGE_POLICY_WORDS } from '../../../shared/providers/apns/channels';
import { parseCommandArgs } from '../args';
import { write, type CliCommand } from '../command';
import { callCore, openCliCore } from '../send-support';

const WHERE =
  '--credential ID|LABEL [--bundle-id BUNDLE] [--env sandbox|production|local] [--json] [--data-dir D] [--workspace W]';

const common = {
  credential: { type: 'string' },
  'bundle-id': { type: 'string' },
  env: { type: 'string' },
  json: { type: 'boolean' },
  'ephemeral-secrets': { type: 'boolean' },
  'data-dir': { type: 'string' },
  workspace: { type: 'string' },
} as const;

type Where = Pick<CallInput<'apns.channels.list'>, 'credentialId' | 'environment' | 'bundleId'>;

function where(values: {
  credential?: string | undefined;
  'bundle-id'?: string | undefined;
  env?: string | undefined;
}): Where {
  if (!values.credential) {
    throw new AppError('INVALID_INPUT', '--credential is required.', 'List ids with: push-console credentials list');
  }
  const env = values.env;
  if (env !== undefined && env !== 'sandbox' && env !== 'production' && env !== 'local') {
    throw new AppError('INVALID_INPUT', `--env must be sandbox, production or local, not "${env}".`);
  }
  return {
    credentialId: values.credential,
    ...(env ? { environment: env } : {}),
    ...(values['bundle-id'] ? { bundleId: values['bundle-id'] } : {}),
  };
}

function requireChannel(value: string | undefined): string {
  if (!value)
    throw new AppError('INVALID_INPUT', '--channel is required: the base64 id APNs gave when it was created.');
  return value;
}

/** Runs one channel call through the dispatcher, as the Channels view does, and prints its answer. */
async function run<
  N extends 'apns.channels.list' | 'apns.channels.create' | 'apns.channels.get' | 'apns.channels.delete',
>(
  name: N,
  input: CallInput<N>,
  values: Parameters<typeof openCliCore>[0] & { json?: boolean | undefined },
  io: Parameters<CliCommand['run']>[1],
  text: (answer: CallOutput<N>) => string,
): Promise<number> {
  const core = await openCliCore(values, io);
  try {
    const answer = await callCore(core, name, input);
    write(io.stdout, values.json ? JSON.stringify(answer, null, 2) : text(answer));
    return 0;
  } finally {
    await core.close();
  }
}

const at = (answer: { bundleId: string; environment: string }) => `${answer.bundleId}, ${answer.environment}`;

export const apnsChannelsListCommand: CliCommand = {
  path: ['apns', 'channels', 'list'],
  summary: "List an app's broadcast channels in one environment (with the count against Apple's 10,000)",
  usage: `apns channels list ${WHERE}`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, common);
    return run('apns.channels.list', where(values), values, io, (answer) =>
      [
        ...answer.channels,
        `${answer.channels.length.toLocaleString('en-US')} of ${APNS_CHANNEL_LIMIT.toLocaleString('en-US')} channels (${at(answer)})`,
      ].join('\n'),
    );
  },
};

export const apnsChannelsCreateCommand: CliCommand = {
  path: ['apns', 'channels', 'create'],
  summary: 'Create a Live Activity broadcast channel (--storage 0: no message stored, 1: the most recent kept)',
  usage: `apns channels create --storage 0|1 ${WHERE}`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { ...common, storage: { type: 'string' } });
    const storage = values.storage ?? '0';
    if (storage !== '0' && storage !== '1') {
      throw new AppError(
        'INVALID_INPUT',
        `--storage must be 0 (no message stored) or 1 (most recent stored), not "${storage}".`,
      );
    }
    const storagePolicy = storage === '1' ? 1 : 0;
    return run('apns.channels.create', { ...where(values), storagePolicy }, values, io, (answer) =>
      [answer.channel.channelId, `Created (${STORAGE_POLICY_WORDS[storagePolicy].toLowerCase()}; ${at(answer)}).`].join(
        '\n',
      ),
    );
  },
};

export const apnsChannelsGetCommand: CliCommand = {
  path: ['apns', 'channels', 'get'],
  summary: "Read one broadcast channel's storage policy and push type",
  usage: `apns channels get --channel ID ${WHERE}`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { ...common, channel: { type: 'string' } });
    const channelId = requireChannel(values.channel);
    return run('apns.channels.get', { ...where(values), channelId }, values, io, (answer) =>
      [
        answer.channel.channelId,
        `Storage: ${STORAGE_POLICY_WORDS[answer.channel.storagePolicy]}`,
        `Push type: ${answer.channel.pushType}`,
        `(${at(answer)})`,
      ].join('\n'),
    );
  },
};

export const apnsChannelsDeleteCommand: CliCommand = {
  path: ['apns', 'channels', 'delete'],
  summary: 'Delete a broadcast channel (broadcasts to it fail from then on)',
  usage: `apns channels delete --channel ID ${WHERE}`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { ...common, channel: { type: 'string' } });
    const channelId = requireChannel(values.channel);
    return run(
      'apns.channels.delete',
      { ...where(values), channelId },
      values,
      io,
      (answer) => `Deleted ${channelId} (${at(answer)}).`,
    );
  },
};

export const apnsChannelsCommands = [
  apnsChannelsListCommand,
  apnsChannelsCreateCommand,
  apnsChannelsGetCommand,
  apnsChannelsDeleteCommand,
];
