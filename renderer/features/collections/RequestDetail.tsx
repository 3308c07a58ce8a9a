import { useState } from 'react';
import { assertionWords } from '../../../shared/collections/assertion-words';
import { formatRequest } from '../../../shared/collections/format';
import type { CollectionEntry } from '../../state/collections';

/** One request of a collection: its file as written, what it checks in words, and Open in Compose. */
export function RequestDetail(props: { collection: string; item: CollectionEntry; onOpenInCompose(): string[] }) {
  const { item } = props;
  const [notes, setNotes] = useState<string[]>([]);
  const assertions = item.request.assert ?? [];
  const captures = Object.entries(item.request.capture ?? {});
  return (
    <section className="collection-detail" data-testid="collection-detail" aria-labelledby="collection-detail-title">
      <h2 id="collection-detail-title">
        {item.name} <span className="hint">({item.request.provider})</span>
      </h2>
      <p className="hint mono" data-testid="collection-detail-path">
        collections/{props.collection}/{item.path}
      </p>
      {item.request.description && <p>{item.request.description}</p>}
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          data-testid="collection-open-compose"
          onClick={() => setNotes(props.onOpenInCompose())}
        >
          Open in Compose
        </button>
      </div>
      {notes.length > 0 && (
        <ul className="hint" data-testid="collection-compose-notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <h3>Checks</h3>
      <ul data-testid="collection-detail-assertions">
        {assertions.length === 0 ? (
          <li>the send is accepted (no assertions written: the default)</li>
        ) : (
          assertions.map((assertion, index) => <li key={index}>{assertionWords(assertion)}</li>)
        )}
        {captures.map(([name, capture]) => (
          <li key={name}>
            keeps{' '}
            {Object.entries(capture)
              .map(([from, what]) => `${from} ${what === true ? '' : String(what)}`.trim())
              .join(', ')}{' '}
            as <code>{`{{vars.${name}}}`}</code> for the requests after it
          </li>
        ))}
      </ul>
      <h3>File</h3>
      <pre tabIndex={0} className="mono exchange-raw" data-testid="collection-detail-file" aria-label="Request file">
        {formatRequest(item.request)}
      </pre>
      {item.request.payloadFile && (
        <>
          <h3>Payload ({item.request.payloadFile})</h3>
          <pre tabIndex={0} className="mono exchange-raw" aria-label="Payload file">
            {item.payloadText}
          </pre>
        </>
      )}
    </section>
  );
}
