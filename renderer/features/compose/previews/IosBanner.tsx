import { obj, str, tryJson } from './parse';

/** How an APNs alert would look as an iOS banner (title, subtitle, body, badge), or why none shows. */
export function IosBanner({ payload }: { payload: string }) {
  const json = tryJson(payload);
  if (!json) return <p className="preview-note">The payload is not valid JSON yet.</p>;
  const aps = obj(json['aps']);
  const alert = aps['alert'];
  const a = obj(alert);
  const title =
    typeof alert === 'string'
      ? undefined
      : (str(a['title']) ?? (a['title-loc-key'] ? `⟨${str(a['title-loc-key'])}⟩` : undefined));
  const subtitle = str(a['subtitle']);
  const body =
    typeof alert === 'string' ? alert : (str(a['body']) ?? (a['loc-key'] ? `⟨${str(a['loc-key'])}⟩` : undefined));
  if (!title && !body) {
    return (
      <p className="preview-note" data-testid="preview-silent">
        {aps['content-available'] === 1
          ? 'Background notification: delivered to the app, nothing is shown.'
          : 'No alert: nothing is shown.'}
        {aps['badge'] !== undefined && ` Badge becomes ${str(aps['badge'])}.`}
      </p>
    );
  }
  return (
    <div className="ios-banner" data-testid="preview-ios">
      <div className="ios-icon" aria-hidden="true" />
      <div className="ios-text">
        <div className="ios-row">
          <strong data-testid="preview-title">{title ?? 'App'}</strong>
          <span className="ios-time">now</span>
        </div>
        {subtitle && <div className="ios-subtitle">{subtitle}</div>}
        {body && <div data-testid="preview-body">{body}</div>}
      </div>
      {aps['badge'] !== undefined && <span className="ios-badge">{str(aps['badge'])}</span>}
    </div>
  );
}
