import type { NhubInstallationInput, NhubPatchOperation, NhubTemplate } from '../../contract/nhub-registrations';

/** RFC 6901: `~` and `/` inside one path segment. */
function pointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function sameTemplate(a: NhubTemplate, b: NhubTemplate): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The JSON Patch that turns one installation into another, in the operations the Update
 * Installation page lists (values as strings, as both SDKs send them): add or remove each tag,
 * add (replace) or remove each template, a new push channel or user. Returns null when only a
 * PUT can do it: the platform changed, or a Web Push channel (an object) did.
 */
export function installationPatch(
  before: NhubInstallationInput,
  after: NhubInstallationInput,
): NhubPatchOperation[] | null {
  if (before.platform !== after.platform) return null;
  const ops: NhubPatchOperation[] = [];
  if (JSON.stringify(before.pushChannel) !== JSON.stringify(after.pushChannel)) {
    if (typeof after.pushChannel !== 'string') return null;
    ops.push({ op: 'add', path: '/pushChannel', value: after.pushChannel });
  }
  if ((before.userId ?? '') !== (after.userId ?? '')) {
    ops.push(after.userId ? { op: 'add', path: '/userId', value: after.userId } : { op: 'remove', path: '/userId' });
  }
  const oldTags = new Set(before.tags ?? []);
  const newTags = new Set(after.tags ?? []);
  for (const tag of oldTags) if (!newTags.has(tag)) ops.push({ op: 'remove', path: `/tags/${pointer(tag)}` });
  for (const tag of newTags) if (!oldTags.has(tag)) ops.push({ op: 'add', path: '/tags', value: tag });
  const oldTemplates = before.templates ?? {};
  const newTemplates = after.templates ?? {};
  for (const name of Object.keys(oldTemplates)) {
    if (!(name in newTemplates)) ops.push({ op: 'remove', path: `/templates/${pointer(name)}` });
  }
  for (const [name, template] of Object.entries(newTemplates)) {
    const old = oldTemplates[name];
    if (old && sameTemplate(old, template)) continue;
    ops.push({ op: 'add', path: `/templates/${pointer(name)}`, value: JSON.stringify(template) });
  }
  return ops;
}
