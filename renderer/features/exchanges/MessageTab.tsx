import { useState } from 'react';
import type { Exchange } from '../../../shared/domain/exchange';
import { copyText } from './actions';
import { CopyValue } from './CopyValue';
import { prettyBody, rawMessage } from './decode';

/** Request or response: raw as on the wire, or pretty (headers table and formatted body). */
export function MessageTab({ exchange, side }: { exchange: Exchange; side: 'request' | 'response' }) {
  const [view, setView] = useState<'raw' | 'pretty'>('pretty');
  const headers = side === 'request' ? exchange.requestHeaders : exchange.responseHeaders;
  const body = side === 'request' ? exchange.requestBody : exchange.responseBody;
  const raw = rawMessage(exchange, side);
  const pretty = body?.encoding === 'text' ? prettyBody(body.data) : null;
  return (
    <div data-testid={`${side}-tab`}>
      <div className="toolbar">
        <div role="radiogroup" aria-label="View">
          {(['pretty', 'raw'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              role="radio"
              aria-checked={view === mode}
              className={view === mode ? 'active' : ''}
              data-testid={`${side}-view-${mode}`}
              onClick={() => setView(mode)}
            >
              {mode === 'raw' ? 'Raw' : 'Pretty'}
            </button>
          ))}
        </div>
        <button type="button" data-testid={`${side}-copy-raw`} onClick={() => void copyText(raw)}>
          Copy {side}
        </button>
        {body && (
          <button
            type="button"
            data-testid={`${side}-copy-body`}
            onClick={() => void copyText(pretty ? pretty.text : body.data)}
          >
            Copy body
          </button>
        )}
      </div>
      {view === 'raw' ? (
        <pre tabIndex={0} className="mono exchange-raw" data-testid={`${side}-raw`}>
          {raw}
        </pre>
      ) : (
        <>
          <table className="table headers-table" data-testid={`${side}-headers`}>
            <tbody>
              {headers.map(([name, value], index) => (
                <tr key={`${name}-${index}`}>
                  <th scope="row" className="mono">
                    {name}
                  </th>
                  <td className="mono">
                    <span className="value-text">{value}</span>
                    <CopyValue value={value} label={name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {body ? (
            <pre tabIndex={0} className="mono exchange-raw" data-testid={`${side}-body`}>
              {pretty ? pretty.text : `(${body.size} bytes of binary, base64)\n${body.data}`}
              {body.truncated ? `\n… cut at ${body.data.length} of ${body.size} bytes` : ''}
            </pre>
          ) : (
            <p className="hint">No body.</p>
          )}
        </>
      )}
    </div>
  );
}
