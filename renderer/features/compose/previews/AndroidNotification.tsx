import { obj, str, tryJson } from './parse';

/** An FCM message as an Android notification; data-only messages are said to be invisible. */
export function AndroidNotification({ payload }: { payload: string }) {
  const json = tryJson(payload);
  if (!json) return <p className="preview-note">The message is not valid JSON yet.</p>;
  const message = json['message'] ? obj(json['message']) : json;
  const base = obj(message['notification']);
  const android = obj(obj(message['android'])['notification']);
  const title = str(android['title']) ?? str(base['title']);
  const body = str(android['body']) ?? str(base['body']);
  if (!title && !body) {
    return (
      <p className="preview-note" data-testid="preview-silent">
        Data message: handed to the app, nothing is shown by the system.
      </p>
    );
  }
  return (
    <div className="android-notification" data-testid="preview-android">
      <div className="android-head">
        <span className="android-dot" aria-hidden="true" /> App · now
      </div>
      <strong data-testid="preview-title">{title}</strong>
      {body && <div data-testid="preview-body">{body}</div>}
    </div>
  );
}
