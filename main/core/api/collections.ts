import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import { formatMeta } from '../../../shared/collections/format';
import { requestFromSend } from '../../../shared/collections/from-send';
import { importPostman } from '../../../shared/collections/postman';
import type { Collection } from '../../../shared/collections/schema';
import { AppError, isAppError } from '../../../shared/errors';
import { collectionsDir, loadCollection, META_FILE, saveRequest } from '../collections/files';
import type { CoreCall } from '../collections/plan';
import { runCollection } from '../collections/runner';
import type { Core } from '../core';
import { writeFileDurably } from '../workspace/json-file';
import type { Caller, Handlers } from './dispatcher';

type CollectionCalls =
  | 'collections.list'
  | 'collections.read'
  | 'collections.save'
  | 'collections.saveFromHistory'
  | 'collections.run'
  | 'collections.importPostman';

/**
 * The requests asked for, in the collection's order. One it does not have is refused rather than
 * dropped, so a rerun of a renamed file says so instead of running less than asked.
 */
function onlyThese(collection: Collection, only: readonly string[]): Collection {
  const have = new Set(collection.items.map((item) => item.path));
  const unknown = only.filter((path) => !have.has(path));
  if (unknown.length > 0) {
    throw new AppError(
      'NOT_FOUND',
      `The collection "${collection.name}" has no ${unknown.length === 1 ? 'request' : 'requests'} ${unknown.join(', ')}.`,
      'Its files may have changed since it was read: reload it.',
    );
  }
  const wanted = new Set(only);
  return { ...collection, items: collection.items.filter((item) => wanted.has(item.path)) };
}

/**
 * The workspace's collections (`<workspace>/collections/<name>/`) for a screen: the same files
 * and runner `push-console run` uses. A run's sends go back through the dispatcher as the
 * caller's own, so they are parsed, defaulted and recorded as any other.
 */
export function collectionHandlers(core: Core): Pick<Handlers, CollectionCalls> {
  const folder = (name: string) => join(collectionsDir(core.workspaceDir), name);
  const through =
    (caller: Caller): CoreCall =>
    async <N extends CallName>(name: N, input: CallInput<N>) => {
      const reply = await core.dispatch(name, input, caller);
      if (!reply.ok) throw new AppError(reply.error.code, reply.error.message, reply.error.hint);
      return reply.value as CallOutput<N>;
    };
  return {
    'collections.list': async () => {
      const entries = await readdir(collectionsDir(core.workspaceDir), { withFileTypes: true }).catch(() => []);
      const out = [];
      for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'))) {
        try {
          const collection = await loadCollection(folder(entry.name));
          out.push({
            name: entry.name,
            title: collection.name,
            ...(collection.description ? { description: collection.description } : {}),
            requests: collection.items.length,
          });
        } catch (error) {
          // A broken or empty folder is still listed, with the reason in its description.
          const reason = isAppError(error) ? error.message.split('\n')[0]! : 'It could not be read.';
          out.push({ name: entry.name, title: entry.name, description: reason, requests: 0 });
        }
      }
      return out.sort((a, b) => a.name.localeCompare(b.name, 'en'));
    },
    'collections.read': async ({ name }) => {
      const collection = await loadCollection(folder(name));
      return {
        name,
        meta: collection.meta,
        items: collection.items.map(({ path, folders, name: title, request, payloadText }) => ({
          path,
          folders,
          name: title,
          request,
          payloadText,
        })),
      };
    },
    'collections.save': async ({ name, request, file }) => ({ file: await saveRequest(folder(name), request, file) }),
    'collections.saveFromHistory': async ({ name, sendId, requestName, file }) => {
      const stored = await core.history.getSend(sendId);
      if (!stored?.request) throw new AppError('NOT_FOUND', `Send ${sendId} is not in history with its request.`);
      const { request, result } = stored;
      const credential = (await core.credentials.list()).find(
        (meta) => meta.id === request.credential || meta.label === request.credential,
      );
      const device = (await core.devices.list()).find(
        (saved) => saved.provider === request.provider && saved.target === request.target,
      );
      const made = requestFromSend({
        request,
        result,
        credentialLabel: credential?.label,
        deviceLabel: device?.label,
        name: requestName,
      });
      return { file: await saveRequest(folder(name), made, file), request: made };
    },
    'collections.run': async ({ name, environment, vars, bail, only }, { caller }) => {
      const collection = await loadCollection(folder(name));
      return runCollection(only ? onlyThese(collection, only) : collection, through(caller), {
        environment,
        vars,
        bail,
        env: process.env,
      });
    },
    'collections.importPostman': async ({ name, postman }) => {
      const imported = importPostman(postman);
      if (typeof imported === 'string') throw new AppError('INVALID_INPUT', imported);
      if (imported.files.length === 0) {
        const why = imported.skipped.map((skip) => `${skip.item}: ${skip.reason}`).join('; ');
        throw new AppError(
          'INVALID_INPUT',
          `No request of this Postman collection is a push send this maps${why ? ` (${why})` : ''}.`,
        );
      }
      const dir = folder(name);
      if ((await readdir(dir).catch(() => [])).length > 0) {
        throw new AppError('CONFLICT', `A collection named "${name}" exists already.`, 'Import into a new name.');
      }
      const written: string[] = [];
      for (const { path, request } of imported.files) written.push(await saveRequest(dir, request, path));
      if (Object.keys(imported.meta).length > 0)
        await writeFileDurably(join(dir, META_FILE), formatMeta(imported.meta), 0o644);
      return { written, skipped: imported.skipped };
    },
  };
}
