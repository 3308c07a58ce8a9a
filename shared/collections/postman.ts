import type { Provider } from '../domain/exchange';
import { requestFileName } from './format';
import type { CollectionMeta, CollectionRequest } from './schema';

/**
 * A Postman collection (v2.0 / v2.1 JSON) read for its push calls: APNs (`/3/device/<token>`),
 * FCM HTTP v1 (`/v1/projects/<id>/messages:send`), WNS (a `*.notify.windows.com` channel) and
 * Notification Hubs (`/<hub>/messages` with ServiceBusNotification-Format) map onto collection
 * requests; anything else is listed with the reason it was left out. Postman's `{{name}}` become
 * `{{vars.name}}`; each request's credential is `{{vars.<provider>Credential}}`, since Postman's
 * auth headers and keys are never carried over: the run names the missing ones before it sends.
 */
export interface PostmanImport {
  meta: CollectionMeta;
  files: Array<{ path: string; request: CollectionRequest }>;
  skipped: Array<{ item: string; reason: string }>;
}

interface PostmanItem {
  name?: unknown;
  item?: unknown;
  request?: unknown;
}
interface PostmanRequest {
  method?: unknown;
  header?: unknown;
  body?: { mode?: unknown; raw?: unknown };
  url?: unknown;
}

const NAME = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;
const ours = (text: string) => text.replace(NAME, '{{vars.$1}}');

function headerMap(request: PostmanRequest): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(request.header)) return out;
  for (const entry of request.header as Array<{ key?: unknown; value?: unknown; disabled?: unknown }>) {
    if (typeof entry?.key === 'string' && typeof entry.value === 'string' && entry.disabled !== true) {
      out.set(entry.key.toLowerCase(), ours(entry.value));
    }
  }
  return out;
}

function urlText(url: unknown): string {
  if (typeof url === 'string') return url;
  if (url && typeof url === 'object' && typeof (url as { raw?: unknown }).raw === 'string')
    return (url as { raw: string }).raw;
  return '';
}

function json(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

type Mapped = Omit<CollectionRequest, 'name' | 'credential' | 'provider'> & { provider: Provider };

function apns(url: string, headers: Map<string, string>, body: string): Mapped | string {
  const token = /\/3\/device\/([^/?#]+)/.exec(url)![1]!;
  const options: Record<string, unknown> = {};
  const names = {
    'apns-topic': 'topic',
    'apns-push-type': 'pushType',
    'apns-collapse-id': 'collapseId',
    'apns-id': 'apnsId',
  };
  for (const [header, option] of Object.entries(names)) if (headers.has(header)) options[option] = headers.get(header);
  for (const [header, option] of [
    ['apns-priority', 'priority'],
    ['apns-expiration', 'expiration'],
  ] as const) {
    const value = headers.get(header);
    if (value !== undefined) options[option] = /^\d+$/.test(value) ? Number(value) : value;
  }
  return {
    provider: 'apns',
    environment: /sandbox|development/i.test(url) ? 'sandbox' : 'production',
    target: ours(decodeURIComponent(token)),
    ...(Object.keys(options).length > 0 ? { options } : {}),
    payload: json(body) ?? body,
  };
}

function fcm(body: string): Mapped | string {
  const parsed = json(body);
  const message = parsed?.['message'];
  if (!message || typeof message !== 'object') return 'its body is not an FCM v1 {"message": …} JSON object';
  const { token, topic, condition, ...rest } = message as Record<string, unknown>;
  const target = [token, topic, condition].find((value) => typeof value === 'string') as string | undefined;
  if (!target) return 'its message names no token, topic or condition';
  const options: Record<string, unknown> = { targetKind: token ? 'token' : topic ? 'topic' : 'condition' };
  if (parsed['validate_only'] === true) options['validateOnly'] = true;
  return { provider: 'fcm', environment: 'production', target, options, payload: rest };
}

function wns(url: string, headers: Map<string, string>, body: string): Mapped {
  const options: Record<string, unknown> = {};
  const type = headers.get('x-wns-type');
  if (type) options['type'] = type.replace(/^wns\//, '');
  for (const [header, option] of [
    ['x-wns-tag', 'tag'],
    ['x-wns-group', 'group'],
    ['x-wns-ttl', 'ttl'],
  ] as const) {
    const value = headers.get(header);
    if (value !== undefined) options[option] = option === 'ttl' && /^\d+$/.test(value) ? Number(value) : value;
  }
  return { provider: 'wns', environment: 'production', target: url, options, payload: body };
}

function nhub(url: string, headers: Map<string, string>, body: string): Mapped {
  const options: Record<string, unknown> = { format: headers.get('servicebusnotification-format') };
  const tags = headers.get('servicebusnotification-tags');
  const handle = headers.get('servicebusnotification-devicehandle');
  options['targetKind'] =
    handle !== undefined || /[?&]direct\b/.test(url) ? 'direct' : tags !== undefined ? 'tags' : 'broadcast';
  const passed = [...headers].filter(([name]) => name.startsWith('apns-') || name.startsWith('x-wns-'));
  if (passed.length > 0) options['headers'] = Object.fromEntries(passed);
  const target = handle ?? tags;
  return {
    provider: 'nhub',
    environment: 'production',
    ...(target ? { target } : {}),
    options,
    payload: json(body) ?? body,
  };
}

/** The push call a Postman request is, or why it is none this importer maps. */
function mapRequest(request: PostmanRequest): Mapped | string {
  const method = typeof request.method === 'string' ? request.method.toUpperCase() : 'GET';
  const url = ours(urlText(request.url));
  const headers = headerMap(request);
  const body = request.body?.mode === 'raw' && typeof request.body.raw === 'string' ? ours(request.body.raw) : '';
  if (!url) return 'it has no URL';
  if (method !== 'POST') return `it is ${method} ${url}, not a push send (POST)`;
  if (/\/3\/device\/[^/?#]+/.test(url)) return apns(url, headers, body);
  if (/\/v1\/projects\/[^/]+\/messages:send/.test(url)) return fcm(body);
  if (headers.has('servicebusnotification-format')) return nhub(url, headers, body);
  if (/\.notify\.windows\.com\b/i.test(url) || headers.has('x-wns-type')) return wns(url, headers, body);
  if (headers.get('content-encoding') === 'aes128gcm' || headers.has('ttl')) {
    return 'a Web Push body is encrypted for one subscription: save the subscription as a device and write this request by hand';
  }
  return `POST ${url} is not an APNs, FCM v1, WNS or Notification Hubs send`;
}

const folderName = (name: string) => requestFileName(name).replace(/\.json$/, '');

export function importPostman(text: string): PostmanImport | string {
  let root: { info?: { name?: unknown; description?: unknown }; item?: unknown; variable?: unknown };
  try {
    root = JSON.parse(text) as typeof root;
  } catch {
    return 'This is not JSON: export the collection from Postman as Collection v2.1.';
  }
  if (!root || typeof root !== 'object' || !Array.isArray(root.item)) {
    return 'This is not a Postman collection (no "item" list): export it as Collection v2.1.';
  }
  const files: PostmanImport['files'] = [];
  const skipped: PostmanImport['skipped'] = [];
  const used = new Set<string>();
  const walk = (items: unknown[], folders: string[], shown: string[]) => {
    for (const raw of items as PostmanItem[]) {
      const name = typeof raw?.name === 'string' && raw.name.trim() ? raw.name.trim() : 'request';
      if (Array.isArray(raw?.item)) {
        walk(raw.item, [...folders, folderName(name)], [...shown, name]);
        continue;
      }
      const where = [...shown, name].join(' / ');
      if (!raw?.request || typeof raw.request !== 'object') {
        skipped.push({
          item: where,
          reason: typeof raw?.request === 'string' ? 'it is a bare URL, not a push send' : 'it has no request',
        });
        continue;
      }
      const mapped = mapRequest(raw.request as PostmanRequest);
      if (typeof mapped === 'string') {
        skipped.push({ item: where, reason: mapped });
        continue;
      }
      const stem = [...folders, requestFileName(name).replace(/\.json$/, '')].join('/');
      let path = `${stem}.json`;
      for (let n = 2; used.has(path); n += 1) path = `${stem}-${n}.json`;
      used.add(path);
      files.push({
        path,
        request: { name: name.slice(0, 120), ...mapped, credential: `{{vars.${mapped.provider}Credential}}` },
      });
    }
  };
  walk(root.item, [], []);
  const variables: Record<string, string> = {};
  for (const entry of Array.isArray(root.variable)
    ? (root.variable as Array<{ key?: unknown; value?: unknown }>)
    : []) {
    if (typeof entry?.key === 'string' && /^[A-Za-z_][\w-]*$/.test(entry.key) && typeof entry.value === 'string') {
      variables[entry.key] = entry.value;
    }
  }
  const title = typeof root.info?.name === 'string' ? root.info.name.slice(0, 120) : undefined;
  const description = typeof root.info?.description === 'string' ? root.info.description : undefined;
  const meta: CollectionMeta = {
    ...(title ? { name: title } : {}),
    ...(description ? { description } : {}),
    ...(Object.keys(variables).length > 0 ? { variables } : {}),
  };
  return { meta, files, skipped };
}
