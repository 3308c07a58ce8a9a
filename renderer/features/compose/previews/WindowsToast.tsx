/** A basic Windows toast/tile/badge reading of WNS XML, parsed with the browser's own XML parser. */
export function WindowsToast({ payload, type }: { payload: string; type: string }) {
  if (type === 'raw' || type === 'wns/raw')
    return <p className="preview-note">Raw notification: delivered to the app, nothing is shown.</p>;
  const doc = new DOMParser().parseFromString(payload, 'application/xml');
  if (doc.querySelector('parsererror')) return <p className="preview-note">The XML is not well-formed yet.</p>;
  const root = doc.documentElement.nodeName;
  if (root === 'badge') {
    return (
      <div className="windows-badge" data-testid="preview-badge">
        Badge: {doc.documentElement.getAttribute('value')}
      </div>
    );
  }
  const texts = Array.from(doc.querySelectorAll('binding > text')).map((node) => node.textContent ?? '');
  const actions = Array.from(doc.querySelectorAll('actions > action')).map(
    (node) => node.getAttribute('content') ?? '',
  );
  return (
    <div className="windows-toast" data-testid="preview-windows">
      <div className="windows-app">App</div>
      {texts[0] && <strong data-testid="preview-title">{texts[0]}</strong>}
      {texts.slice(1).map((line, index) => (
        <div key={index} data-testid="preview-body">
          {line}
        </div>
      ))}
      {actions.length > 0 && (
        <div className="windows-actions">
          {actions.map((label, index) => (
            <span key={index} className="windows-action">
              {label}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
