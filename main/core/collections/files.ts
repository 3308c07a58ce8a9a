import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { formatRequest, requestFileName } from '../../../shared/collections/format';
import {
  collectionMetaSchema,
  collectionRequestSchema,
  type Collection,
  type CollectionItem,
  type CollectionMeta,
  type CollectionRequest,
} from '../../../shared/collections/schema';
import { AppError } from '../../../shared/errors';
import { writeFileDurably } from '../workspace/json-file';

/** A folder's own settings file; every other `*.json` in it is a request, but `*.payload.*` files. */
export const META_FILE = 'collection.json';

const isRequestFile = (name: string) => name.endsWith('.json') && name !== META_FILE && !name.includes('.payload.');

/** Where the workspace keeps its collections: `<workspace>/collections/<name>/`. */
export function collectionsDir(workspaceDir: string): string {
  return join(workspaceDir, 'collections');
}

type ZodIssues = ReadonlyArray<{ path: PropertyKey[]; message: string }>;
const issueLines = (file: string, issues: ZodIssues) =>
  issues.map((issue) => `${file}${issue.path.length ? ` ${issue.path.map(String).join('.')}` : ''}: ${issue.message}`);

async function readJson(path: string, shown: string, problems: string[]): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push(`${shown}: not JSON (${error instanceof SyntaxError ? error.message : 'unreadable'})`);
    return undefined;
  }
}

/** Names in `order` first, in that order; then the rest by name. */
function ordered(names: string[], order: readonly string[] = []): string[] {
  const listed = order.filter((name) => names.includes(name));
  return [...listed, ...names.filter((name) => !listed.includes(name)).sort((a, b) => a.localeCompare(b, 'en'))];
}

function checkPatterns(request: CollectionRequest, file: string, problems: string[]): void {
  const patterns = (request.assert ?? []).flatMap((assertion) => {
    const spec = 'delivered' in assertion && assertion.delivered !== true ? assertion.delivered : assertion;
    return typeof spec === 'object' && 'matches' in spec && typeof spec.matches === 'string' ? [spec.matches] : [];
  });
  for (const pattern of patterns) {
    try {
      // A placeholder is filled in before the pattern is used; here it stands for any text.
      new RegExp(pattern.replace(/\{\{[^}]*\}\}/g, 'x'), 'u');
    } catch {
      problems.push(`${file} assert: /${pattern}/ is not a valid regular expression`);
    }
  }
}

async function loadFolder(
  root: string,
  dir: string,
  folders: string[],
  inherited: { variables: Record<string, string> },
  items: CollectionItem[],
  problems: string[],
): Promise<CollectionMeta> {
  const entries = await readdir(dir, { withFileTypes: true });
  const shownPath = (name: string) => relative(root, join(dir, name)).split(sep).join('/');
  let meta: CollectionMeta = {};
  if (entries.some((entry) => entry.isFile() && entry.name === META_FILE)) {
    const raw = await readJson(join(dir, META_FILE), shownPath(META_FILE), problems);
    const parsed = raw === undefined ? null : collectionMetaSchema.safeParse(raw);
    if (parsed && !parsed.success) problems.push(...issueLines(shownPath(META_FILE), parsed.error.issues));
    if (parsed?.success) meta = parsed.data;
  }
  const variables = { ...inherited.variables, ...meta.variables };
  const names = entries
    .filter((entry) => (entry.isFile() && isRequestFile(entry.name)) || entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => !name.startsWith('.'));
  for (const name of ordered(names, meta.order)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) {
      await loadFolder(root, path, [...folders, name], { variables }, items, problems);
      continue;
    }
    const file = shownPath(name);
    const raw = await readJson(path, file, problems);
    if (raw === undefined) continue;
    const parsed = collectionRequestSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...issueLines(file, parsed.error.issues));
      continue;
    }
    const request = parsed.data;
    checkPatterns(request, file, problems);
    let payloadText = '';
    if (request.payloadFile !== undefined) {
      try {
        payloadText = await readFile(join(dir, request.payloadFile), 'utf8');
      } catch {
        problems.push(`${file} payloadFile: no file ${request.payloadFile} beside it`);
      }
    } else if (typeof request.payload === 'string') payloadText = request.payload;
    else if (request.payload !== undefined) payloadText = JSON.stringify(request.payload);
    items.push({
      path: file,
      folders,
      name: request.name ?? name.replace(/\.json$/, ''),
      request,
      payloadText,
      scopeVariables: variables,
    });
  }
  return meta;
}

/**
 * Reads a collection folder: every request, in order, with its folder's variables. Every problem
 * in every file is gathered into one refusal, so a broken collection is fixed in one pass.
 */
export async function loadCollection(dir: string): Promise<Collection> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new AppError('NOT_FOUND', `No collection folder at ${dir}.`, 'A collection is a folder of request files.');
  }
  const items: CollectionItem[] = [];
  const problems: string[] = [];
  const meta = await loadFolder(dir, dir, [], { variables: {} }, items, problems);
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `The collection at ${dir} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n  ${problems.join('\n  ')}`,
      'The file format: docs/collections.md.',
    );
  }
  if (items.length === 0) throw new AppError('INVALID_INPUT', `The collection at ${dir} has no requests.`);
  return { name: meta.name ?? basename(dir), description: meta.description, meta, items };
}

/**
 * Writes one request into a collection folder as its stable text (`formatRequest`), under a file
 * name made from its name unless `file` is given. Returns the path written, from the folder.
 */
export async function saveRequest(dir: string, request: CollectionRequest, file?: string): Promise<string> {
  const parsed = collectionRequestSchema.safeParse(request);
  if (!parsed.success) {
    throw new AppError(
      'INVALID_INPUT',
      `Not a collection request: ${issueLines('request', parsed.error.issues).join('; ')}`,
    );
  }
  const name = file ?? requestFileName(parsed.data.name ?? parsed.data.provider);
  if (!isRequestFile(basename(name)) || name.split(/[\\/]/).includes('..') || name.startsWith('/')) {
    throw new AppError('INVALID_INPUT', `"${name}" is not a request file name inside the collection (name.json).`);
  }
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFileDurably(path, formatRequest(parsed.data), 0o644);
  return name.split(sep).join('/');
}
