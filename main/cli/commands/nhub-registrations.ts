import { AppError } from '../../../shared/errors';
import type { CallInput, CallOutput } from '../../../shared/contract';
import { NHUB_PAGE_SIZE_MAX } from '../../../shared/contract/nhub-registrations';
import { parseCommandArgs } from '../args';
import { write, type CliCommand } from '../command';
import { callCore, openCliCore } from '../send-support';

const USAGE =
  'nhub registrations --credential ID|LABEL [--tag T | --handle H] [--top N] [--continuation TOKEN] [--env live|local] [--json] [--data-dir D] [--workspace W]';

type Page = CallOutput<'nhub.registrations.list'>;

function table(page: Page): string {
  const lines = page.registrations.map((r) =>
    [
      r.registrationId,
      r.platform,
      r.handle.length > 24 ? `${r.handle.slice(0, 12)}…${r.handle.slice(-8)}` : r.handle,
      r.tags.join(',') || '-',
      r.templateName ?? (r.bodyTemplate !== null ? '(template)' : '-'),
      r.expirationTime ?? '-',
    ].join('\t'),
  );
  const count = `${page.registrations.length} registration${page.registrations.length === 1 ? '' : 's'} (${page.environment})`;
  const more = page.continuationToken ? `More: --continuation ${page.continuationToken}` : 'No more pages.';
  return [...lines, count, more].join('\n');
}

/** One page of a hub's registrations, through the dispatcher as the Registrations view asks for it. */
export const nhubRegistrationsCommand: CliCommand = {
  path: ['nhub', 'registrations'],
  summary: "List a Notification Hub's registrations (all, by tag or by PNS handle), a page at a time",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      credential: { type: 'string' },
      tag: { type: 'string' },
      handle: { type: 'string' },
      top: { type: 'string' },
      continuation: { type: 'string' },
      env: { type: 'string' },
      json: { type: 'boolean' },
      'ephemeral-secrets': { type: 'boolean' },
      'data-dir': { type: 'string' },
      workspace: { type: 'string' },
    });
    if (!values.credential) {
      throw new AppError('INVALID_INPUT', '--credential is required.', 'List ids with: push-console credentials list');
    }
    if (values.tag !== undefined && values.handle !== undefined) {
      throw new AppError('INVALID_INPUT', 'Give --tag or --handle, not both.');
    }
    const top = values.top === undefined ? 25 : Number(values.top);
    if (!Number.isInteger(top) || top < 1 || top > NHUB_PAGE_SIZE_MAX) {
      throw new AppError(
        'INVALID_INPUT',
        `--top must be a whole number from 1 to ${NHUB_PAGE_SIZE_MAX}, not "${values.top}".`,
      );
    }
    if (values.env !== undefined && values.env !== 'live' && values.env !== 'local') {
      throw new AppError('INVALID_INPUT', `--env must be live or local, not "${values.env}".`);
    }
    const input: CallInput<'nhub.registrations.list'> = {
      credentialId: values.credential,
      filter:
        values.tag !== undefined
          ? { by: 'tag', tag: values.tag }
          : values.handle !== undefined
            ? { by: 'handle', handle: values.handle }
            : { by: 'all' },
      top,
      ...(values.continuation ? { continuationToken: values.continuation } : {}),
      ...(values.env ? { environment: values.env } : {}),
    };
    const core = await openCliCore(values, io);
    try {
      const page = await callCore(core, 'nhub.registrations.list', input);
      write(io.stdout, values.json ? JSON.stringify(page, null, 2) : table(page));
      return 0;
    } finally {
      await core.close();
    }
  },
};
