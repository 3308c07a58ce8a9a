import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { collectionsDir } from '../../core/collections/files';
import { parseCommandArgs } from '../args';
import { write, type CliCommand } from '../command';
import { callCore, openCliCore, readArgumentFile } from '../send-support';
import { storedSend } from './history';

const store = {
  'data-dir': { type: 'string' },
  workspace: { type: 'string' },
  'ephemeral-secrets': { type: 'boolean' },
} as const;

function requireName(name: string | undefined): string {
  if (!name) throw new AppError('INVALID_INPUT', '--name is required: the collection to write into (--name smoke).');
  return name;
}

/** `collections import-postman`: a Postman export's push calls as a new collection of the workspace. */
export const collectionsImportPostmanCommand: CliCommand = {
  path: ['collections', 'import-postman'],
  summary: 'Turn a Postman collection’s APNs, FCM v1, WNS and Notification Hubs calls into a collection.',
  usage:
    'collections import-postman <collection.postman_collection.json> --name NAME [--data-dir DIR] [--workspace DIR]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...store, name: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new AppError('INVALID_INPUT', 'Name one Postman collection file.');
    const name = requireName(values.name);
    const postman = await readArgumentFile(positionals[0]!, 'Postman collection');
    const core = await openCliCore(values, io);
    try {
      const { written, skipped } = await callCore(core, 'collections.importPostman', { name, postman });
      const dir = join(collectionsDir(core.workspaceDir), name);
      write(io.stdout, `Wrote ${written.length} ${written.length === 1 ? 'request' : 'requests'} to ${dir}:`);
      for (const file of written) write(io.stdout, `  ${file}`);
      if (skipped.length > 0) {
        write(io.stdout, `Left out ${skipped.length}:`);
        for (const skip of skipped) write(io.stdout, `  ${skip.item}: ${skip.reason}`);
      }
      write(
        io.stdout,
        'Each request names its credential as {{vars.<provider>Credential}}: set them in collection.json or --vars.',
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};

/** `collections save`: a past send (by id or its first characters) as a collection request. */
export const collectionsSaveCommand: CliCommand = {
  path: ['collections', 'save'],
  summary: 'Save a past send from history as a request of a collection, its answer as assertions.',
  usage:
    'collections save <send id> --name COLLECTION [--as "request name"] [--file path.json] [--data-dir DIR] [--workspace DIR]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { ...store, name: { type: 'string' }, as: { type: 'string' }, file: { type: 'string' } },
      true,
    );
    if (positionals.length !== 1)
      throw new AppError('INVALID_INPUT', 'Name one send id (push-console history list shows them).');
    const name = requireName(values.name);
    const core = await openCliCore(values, io);
    try {
      // A send id's first characters are enough, as `history show` takes them.
      const { result } = await storedSend(values['data-dir'], io, positionals[0]);
      const saved = await callCore(core, 'collections.saveFromHistory', {
        name,
        sendId: result.id,
        ...(values.as ? { requestName: values.as } : {}),
        ...(values.file ? { file: values.file } : {}),
      });
      write(io.stdout, `Saved as ${join(collectionsDir(core.workspaceDir), name, saved.file)}.`);
      return 0;
    } finally {
      await core.close();
    }
  },
};
