/**
 * The body of `POST /{hub}/messages/$batch?direct`: `multipart/mixed` with a part named
 * `notification` (the payload, with its own Content-Type) and one named `devices` (a JSON array of
 * PNS handles). The JS SDK writes `boundary = "…"` with spaces, so the parameter is read loosely.
 */
export type BatchBody =
  { ok: true; contentType: string; body: string; handles: string[] } | { ok: false; detail: string };

function boundaryOf(contentType: string): string | null {
  const match = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]!) : null;
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

function parts(text: string, boundary: string): Part[] {
  const delimiter = `--${boundary}`;
  const out: Part[] = [];
  for (const chunk of text.split(delimiter).slice(1)) {
    if (chunk.startsWith('--')) break;
    const section = chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    const split = /\r?\n\r?\n/.exec(section);
    if (!split) continue;
    const headers: Record<string, string> = {};
    for (const line of section.slice(0, split.index).split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    out.push({ headers, body: section.slice(split.index + split[0].length) });
  }
  return out;
}

function partName(part: Part): string | undefined {
  return /name\s*=\s*"?([^";]+)"?/i.exec(part.headers['content-disposition'] ?? '')?.[1];
}

export function parseBatchBody(contentType: string, text: string): BatchBody {
  if (!/^multipart\/mixed/i.test(contentType)) {
    return { ok: false, detail: `A $batch send is multipart/mixed, not '${contentType}'.` };
  }
  const boundary = boundaryOf(contentType);
  if (!boundary) return { ok: false, detail: 'The multipart/mixed Content-Type has no boundary.' };
  const named = new Map(parts(text, boundary).map((part) => [partName(part), part]));
  const notification = named.get('notification');
  const devices = named.get('devices');
  if (!notification || !devices) {
    return { ok: false, detail: 'A $batch send needs the parts named notification and devices.' };
  }
  let handles: unknown;
  try {
    handles = JSON.parse(devices.body);
  } catch {
    handles = null;
  }
  if (!Array.isArray(handles) || handles.length === 0 || !handles.every((h) => typeof h === 'string' && h !== '')) {
    return { ok: false, detail: 'The devices part must be a JSON array of PNS handles.' };
  }
  return {
    ok: true,
    contentType: notification.headers['content-type'] ?? '',
    body: notification.body,
    handles: handles as string[],
  };
}
