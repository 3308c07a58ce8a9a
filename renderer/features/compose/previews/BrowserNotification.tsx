import { claimsDeclarative, readDeclarative } from '../../../../shared/providers/webpush/declarative';
import { obj, str, tryJson } from './parse';

/** A Web Push payload as the notification a typical service worker would show. */
export function BrowserNotification({ payload }: { payload: string }) {
  if (!payload.trim()) return <p className="preview-note">No payload: a push event with no data.</p>;
  if (claimsDeclarative(payload)) return <DeclarativeNotification payload={payload} />;
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

/** A Declarative Web Push message as Safari shows it: no service worker involved, a click opens `navigate`. */
function DeclarativeNotification({ payload }: { payload: string }) {
  const message = readDeclarative(payload);
  if (!message) {
    return (
      <p className="preview-note" data-testid="preview-declarative-invalid">
        Not a Declarative Web Push message a browser would show: it needs web_push 8030, notification.title and
        notification.navigate (see the preflight list).
      </p>
    );
  }
  return (
    <div
      className="browser-notification"
      data-testid="preview-browser"
      lang={message.lang ?? undefined}
      dir={message.dir}
    >
      <div className="browser-origin">
        Declarative Web Push · now
        {message.appBadge !== null && <span data-testid="preview-badge"> · app badge {message.appBadge}</span>}
      </div>
      <strong data-testid="preview-title">{message.title}</strong>
      {message.body && <div data-testid="preview-body">{message.body}</div>}
      <div className="browser-origin mono" data-testid="preview-navigate">
        Click opens {message.navigate}
      </div>
      {message.actions.length > 0 && (
        <div className="browser-actions">
          {message.actions.map((action) => (
            <span key={action.action} className="browser-action" title={action.navigate}>
              {action.title}
            </span>
          ))}
        </div>
      )}
      {message.mutable && <div className="browser-origin">mutable: a service worker may replace it first</div>}
    </div>
  );
}
