import { obj, str, tryJson } from './parse';

/** A Web Push payload as the notification a typical service worker would show. */
export function BrowserNotification({ payload }: { payload: string }) {
  if (!payload.trim()) return <p className="preview-note">No payload: a push event with no data.</p>;
  const json = tryJson(payload);
  if (!json) {
    return (
      <p className="preview-note" data-testid="preview-text">
        Plain text payload: the service worker decides what to show.
      </p>
    );
  }
  const nested = obj(json['notification']);
  const source = Object.keys(nested).length ? nested : json;
  const title = str(source['title']);
  const body = str(source['body']);
  const actions = Array.isArray(source['actions'])
    ? (source['actions'] as unknown[]).map((a) => str(obj(a)['title'])).filter(Boolean)
    : [];
  if (!title) return <p className="preview-note">No title: most service workers show nothing for this payload.</p>;
  return (
    <div className="browser-notification" data-testid="preview-browser">
      <div className="browser-origin">Site · now</div>
      <strong data-testid="preview-title">{title}</strong>
      {body && <div data-testid="preview-body">{body}</div>}
      {actions.length > 0 && (
        <div className="browser-actions">
          {actions.map((label) => (
            <span key={label} className="browser-action">
              {label}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
