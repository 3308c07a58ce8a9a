import { invalid, type ImportFields, type ParsedCredential } from './parsed';
import type { NhubSecret } from './types';

const EXAMPLE = 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<rule>;SharedAccessKey=<key>';

/**
 * `Endpoint=…;SharedAccessKeyName=…;SharedAccessKey=…` in any order, split on `;` and at the first
 * `=` of each part (keys end in `=` padding), tolerant of whitespace and a trailing `;`.
 */
export function parseConnectionString(text: string): { endpoint: string; keyName: string; key: string } {
  const parts = new Map<string, string>();
  for (const [index, part] of text.split(';').entries()) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    // The part is not echoed: a key pasted without its name would otherwise land in an error.
    if (eq <= 0) throw invalid(`Part ${index + 1} of the connection string has no "name=value".`, EXAMPLE);
    parts.set(trimmed.slice(0, eq).trim().toLowerCase(), trimmed.slice(eq + 1).trim());
  }
  const missing = (['Endpoint', 'SharedAccessKeyName', 'SharedAccessKey'] as const).filter(
    (name) => !parts.get(name.toLowerCase()),
  );
  if (missing.length > 0) throw invalid(`The connection string has no ${missing.join(' or ')}.`, EXAMPLE);
  let endpoint = parts.get('endpoint')!;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid(`Endpoint "${endpoint.slice(0, 80)}" is not a URL.`, EXAMPLE);
  }
  if (url.protocol !== 'sb:' && url.protocol !== 'https:') {
    throw invalid(`Endpoint must start with sb://, not ${url.protocol}//.`, EXAMPLE);
  }
  if (!endpoint.endsWith('/')) endpoint += '/';
  return { endpoint, keyName: parts.get('sharedaccesskeyname')!, key: parts.get('sharedaccesskey')! };
}

// A connection string does not carry its rights, but the two policies every hub is created with
// are well known (Azure portal, Access Policies); custom policies stay "unknown".
const DEFAULT_POLICY_RIGHTS: Record<string, string> = {
  DefaultFullSharedAccessSignature: 'Listen, Manage, Send',
  DefaultListenSharedAccessSignature: 'Listen',
};

export function parseNhub(fields: ImportFields): ParsedCredential<NhubSecret> {
  const text = fields.connectionString?.trim() || fields.file?.toString('utf8').trim() || '';
  if (text === '') throw invalid('Paste the connection string (Access Policies in the Azure portal).', EXAMPLE);
  const { endpoint, keyName, key } = parseConnectionString(text);
  const hubName = fields.hubName?.trim() ?? '';
  if (hubName === '') throw invalid('The hub name is required (the Notification Hub, not the namespace).');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,259}$/.test(hubName)) {
    throw invalid(`"${hubName.slice(0, 60)}" is not a valid hub name (letters, digits, . _ -).`);
  }
  const namespace = new URL(endpoint).hostname.split('.')[0] ?? '';
  const rights = DEFAULT_POLICY_RIGHTS[keyName] ?? 'unknown';
  return {
    secret: { kind: 'nhub', endpoint, keyName, key, hubName },
    metadata: { namespace, endpoint, keyName, hubName, rights },
    warnings:
      rights === 'Listen'
        ? [
            `${keyName} can only listen: sends and registration management will be refused (401). ` +
              'Use DefaultFullSharedAccessSignature or a policy with Send rights.',
          ]
        : [],
    suggestedLabel: `${namespace}/${hubName}`,
  };
}
