import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { isValidTag } from '../../../shared/providers/nhub/tag-expression';
import { authorize, readJsonBody, sendEmpty, sendError, sendJsonBody, type RestContext } from './rest';
import type { InstallationRecord } from './store';
import { INSTALLATION_PLATFORMS } from './targets';

const tagSchema = z.string().refine(isValidTag, 'a tag of up to 120 characters from [A-Za-z0-9_@#.:-]');
const templateSchema = z.object({
  body: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
  tags: z.array(tagSchema).optional(),
});
const installationSchema = z.object({
  installationId: z.string().regex(/^[A-Za-z0-9_@#.:-]+$/, 'an id from [A-Za-z0-9_@#.:-]'),
  platform: z
    .string()
    .transform((p) => p.toLowerCase())
    .refine((p) => p in INSTALLATION_PLATFORMS, 'one of apns, wns, fcmv1, gcm, browser, adm, baidu, xiaomi'),
  pushChannel: z.union([
    z.string().min(1),
    z.object({ endpoint: z.string().min(1), p256dh: z.string().min(1), auth: z.string().min(1) }),
  ]),
  userId: z.string().optional(),
  tags: z.array(tagSchema).optional(),
  templates: z.record(z.string(), templateSchema).optional(),
  pushVariables: z.record(z.string(), z.string()).optional(),
});
type Installation = InstallationRecord['installation'];

const patchSchema = z.array(
  z.object({
    op: z.enum(['add', 'remove', 'replace']),
    path: z.string().startsWith('/'),
    value: z.unknown().optional(),
  }),
);

function valueList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string'
    ? value
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
    : [];
}

/** A template (or browser push channel) given as an object or, as the SDK's string-valued patches carry it, as JSON text. */
function templateValue(value: unknown): unknown {
  // Only an object is JSON here: a numeric-looking token such as an APNs handle stays text.
  if (typeof value !== 'string' || !value.trim().startsWith('{')) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * The service's JSON Patch on an installation, not RFC 6902's: `add /tags` appends the value's
 * tags, `remove /tags/{tag}` drops one, and `/templates/{name}[/body|/tags|/headers]`, `/pushChannel`,
 * `/userId` are set or removed whole. A general RFC 6902 library would replace `/tags` instead.
 * Returns the patched installation, or the message for a 400.
 */
export function applyInstallationPatch(current: Installation, patches: unknown): Installation | string {
  const parsed = patchSchema.safeParse(patches);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `The body must be a JSON array of { op, path, value } operations (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).`;
  }
  const next = structuredClone(current) as Record<string, unknown> & Installation;
  for (const { op, path, value } of parsed.data) {
    const [field, name, sub, ...rest] = path.slice(1).split('/').map(decodeURIComponent);
    if (rest.length > 0 || !field) return `The patch path '${path}' is not supported.`;
    if (field === 'tags') {
      const tags = new Set(next.tags ?? []);
      if (name !== undefined) {
        if (op === 'remove') tags.delete(name);
        else tags.add(name);
      } else if (op === 'remove') tags.clear();
      else if (op === 'replace') {
        tags.clear();
        for (const tag of valueList(value)) tags.add(tag);
      } else for (const tag of valueList(value)) tags.add(tag);
      next.tags = [...tags];
    } else if (field === 'templates' && name !== undefined) {
      const templates = { ...(next.templates ?? {}) };
      if (sub === undefined) {
        if (op === 'remove') delete templates[name];
        else templates[name] = templateValue(value) as (typeof templates)[string];
      } else {
        const template: Record<string, unknown> = { ...(templates[name] ?? { body: '' }) };
        if (op === 'remove') delete template[sub];
        else template[sub] = sub === 'tags' ? valueList(value) : templateValue(value);
        templates[name] = template as (typeof templates)[string];
      }
      next.templates = templates;
    } else if ((field === 'pushChannel' || field === 'userId' || field === 'platform') && name === undefined) {
      if (op === 'remove') delete next[field];
      else next[field] = (field === 'pushChannel' ? templateValue(value) : value) as never;
    } else return `The patch path '${path}' is not supported.`;
  }
  const checked = installationSchema.safeParse(next);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return `The patched installation is not valid (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).`;
  }
  return { ...checked.data, installationId: current.installationId };
}

function stored(namespace: string, hub: string, installation: Installation, now: number): InstallationRecord {
  return {
    namespace,
    hub,
    installation: {
      ...installation,
      expirationTime: '9999-12-31T23:59:59.9999999Z',
      lastUpdate: new Date(now).toISOString(),
    },
  };
}

/**
 * `/{hub}/installations/{id}`: PUT creates or replaces (200), PATCH applies JSON Patch (200; 404 for
 * an unknown id), GET answers the installation's JSON (200; 404), DELETE answers 204 whether or not
 * it existed, as the service documents.
 */
export async function handleInstallation(
  req: IncomingMessage,
  res: ServerResponse,
  hub: string,
  id: string,
  ctx: RestContext,
): Promise<void> {
  const auth = authorize(req, res, hub, ctx, 'installations', ['Listen', 'Manage']);
  if (!auth) return;
  const method = req.method ?? 'GET';
  const existing = ctx.store.installation(auth.namespace, hub, id);
  if (method === 'GET') {
    if (!existing) return sendError(res, 404, 'InstallationNotFound', `No installation ${id} in hub ${hub}.`);
    return sendJsonBody(res, 200, existing.installation);
  }
  if (method === 'DELETE') {
    ctx.store.removeInstallation(auth.namespace, hub, id);
    return sendEmpty(res, 204);
  }
  if (method === 'PUT') {
    const parsed = installationSchema.safeParse(await readJsonBody(req));
    if (!parsed.success) {
      return sendError(
        res,
        400,
        'BadRequest',
        `The installation is not valid: ${parsed.error.issues[0]?.message ?? 'not JSON'}.`,
      );
    }
    if (parsed.data.installationId !== id) {
      return sendError(
        res,
        400,
        'BadRequest',
        `The body's installationId '${parsed.data.installationId}' is not ${id}.`,
      );
    }
    ctx.store.putInstallation(stored(auth.namespace, hub, parsed.data, ctx.now()));
    return sendEmpty(res, 200);
  }
  if (method === 'PATCH') {
    const patches = await readJsonBody(req);
    if (!existing) return sendError(res, 404, 'InstallationNotFound', `No installation ${id} in hub ${hub}.`);
    const next = applyInstallationPatch(existing.installation, patches);
    if (typeof next === 'string') return sendError(res, 400, 'BadRequest', next);
    ctx.store.putInstallation(stored(auth.namespace, hub, next, ctx.now()));
    return sendEmpty(res, 200);
  }
  sendError(res, 405, 'MethodNotAllowed', `${method} is not allowed on an installation.`);
}
