import { invalid, type ImportFields, type ParsedCredential } from './parsed';

export interface NhubSecret {
  kind: 'nhub';
  /** e.g. sb://my-namespace.servicebus.windows.net/ */
  endpoint: string;
  keyName: string;
  key: string;
  hubName: string;
}

const EXAMPLE = 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<rule>;SharedAccessKey=<key>';

/** The names a connection string may carry, as Azure spells them (matched case-insensitively). */
const NAMES = ['Endpoint', 'SharedAccessKeyName', 'SharedAccessKey', 'EntityPath'] as const;

export interface ConnectionStringParts {
  endpoint: string;
  keyName: string;
  key: string;
  /** Present in strings copied from a hub's own access policy: the hub they are for. */
  entityPath?: string;
}

/**
 * `Endpoint=…;SharedAccessKeyName=…;SharedAccessKey=…[;EntityPath=…]` in any order, split on `;`
 * and at the first `=` of each part (keys end in `=` padding), tolerant of whitespace and a
 * trailing `;`. Values are never echoed in errors: a key could be among them.
 */
export function parseConnectionString(text: string): ConnectionStringParts {
  const parts = new Map<string, string>();
  for (const [index, part] of text.split(';').entries()) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw invalid(`Part ${index + 1} of the connection string has no "name=value".`, EXAMPLE);
    const name = trimmed.slice(0, eq).trim().toLowerCase();
    if (parts.has(name)) {
      const known = NAMES.find((candidate) => candidate.toLowerCase() === name);
      throw invalid(
        `The connection string gives ${known ?? `"${name.slice(0, 40)}"`} twice; it must appear once.`,
        'Copy the connection string again from Access Policies in the Azure portal.',
      );
    }
    parts.set(name, trimmed.slice(eq + 1).trim());
  }
  const missing = (['Endpoint', 'SharedAccessKeyName', 'SharedAccessKey'] as const).filter(
    (name) => !parts.get(name.toLowerCase()),
  );
  if (missing.length > 0) throw invalid(`The connection string has no ${missing.join(' or ')}.`, EXAMPLE);
  const endpoint = checkEndpoint(parts.get('endpoint')!);
  const entityPath = parts.get('entitypath');
  return {
    endpoint,
    keyName: parts.get('sharedaccesskeyname')!,
    key: parts.get('sharedaccesskey')!,
    ...(entityPath ? { entityPath } : {}),
  };
}

/** The namespace root, `sb://<namespace>.servicebus.windows.net/`: the hub is named apart from it. */
function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid(`Endpoint "${endpoint.slice(0, 80)}" is not a URL.`, EXAMPLE);
  }
  if (url.protocol !== 'sb:' && url.protocol !== 'https:') {
    throw invalid(`Endpoint must start with sb://, not ${url.protocol}//.`, EXAMPLE);
  }
  if (namespaceOf(url) === '') {
    throw invalid('The endpoint names no namespace: it should be sb://<namespace>.servicebus.windows.net/.', EXAMPLE);
  }
  if (url.search !== '' || url.hash !== '' || endpoint.includes('?')) {
    throw invalid(
      'The endpoint has a query (?…); it should be the namespace alone, sb://<namespace>.servicebus.windows.net/.',
      EXAMPLE,
    );
  }
  if (url.pathname !== '' && url.pathname !== '/') {
    throw invalid(
      `The endpoint has a path (${url.pathname.slice(0, 60)}); it should be the namespace alone, sb://<namespace>.servicebus.windows.net/.`,
      'Give the hub name in its own field, not in the endpoint.',
    );
  }
  return `${url.protocol}//${url.host}/`;
}

function namespaceOf(url: URL): string {
  return url.hostname.split('.')[0] ?? '';
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
  const { endpoint, keyName, key, entityPath } = parseConnectionString(text);
  // A hub-level policy's string names its hub; it fills an empty hub name and must agree with a given one.
  const hubName = fields.hubName?.trim() || entityPath || '';
  if (hubName === '') throw invalid('The hub name is required (the Notification Hub, not the namespace).');
  if (entityPath && entityPath.toLowerCase() !== hubName.toLowerCase()) {
    throw invalid(
      `The connection string is for the hub "${entityPath.slice(0, 60)}" (its EntityPath), not "${hubName.slice(0, 60)}".`,
      'Use that hub name, or copy the connection string of the hub you mean.',
    );
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,259}$/.test(hubName)) {
    throw invalid(`"${hubName.slice(0, 60)}" is not a valid hub name (letters, digits, . _ -).`);
  }
  const namespace = namespaceOf(new URL(endpoint));
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
