import type { CompareOutput } from '../../../shared/history/calls';
import type { HeaderDiff, LineDiff } from '../../../shared/history/diff';

/** Each change is also a sign and a word, never only the row's colour (WCAG 1.4.1). */
const MARK: Record<HeaderDiff['change'], { sign: string; word: string }> = {
  same: { sign: '', word: 'same' },
  changed: { sign: '≠', word: 'changed' },
  added: { sign: '+', word: 'added' },
  removed: { sign: '−', word: 'removed' },
};

function Headers({ title, rows, sides }: { title: string; rows: HeaderDiff[]; sides: readonly [string, string] }) {
  return (
    <section>
      <h3>{title}</h3>
      <table className="table compare-headers" data-testid="compare-headers">
        <thead>
          <tr>
            <th scope="col" className="diff-mark">
              <span className="sr-only">Change</span>
            </th>
            <th scope="col">Header</th>
            <th scope="col" className="mono">
              {sides[0]}
            </th>
            <th scope="col" className="mono">
              {sides[1]}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.name}
              className={`diff-${row.change}`}
              data-testid="compare-header-row"
              data-change={row.change}
            >
              <td className="diff-mark" data-testid="compare-mark">
                <span aria-hidden="true">{MARK[row.change].sign}</span>
                {row.change !== 'same' && <span className="sr-only">{MARK[row.change].word}</span>}
              </td>
              <th scope="row" className="mono">
                {row.name}
              </th>
              <td className="mono">{row.left ?? ''}</td>
              <td className="mono">{row.right ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Body({ title, lines }: { title: string; lines: LineDiff[] }) {
  return (
    <section>
      <h3>{title}</h3>
      {lines.length === 0 ? (
        <p className="hint">No body on either side.</p>
      ) : (
        <pre tabIndex={0} className="mono exchange-raw compare-body">
          {lines.map((line, index) => (
            <div key={index} className={`diff-${line.op}`} data-testid="compare-body-line" data-op={line.op}>
              {line.op === 'added' ? '+ ' : line.op === 'removed' ? '- ' : '  '}
              {line.text}
            </div>
          ))}
        </pre>
      )}
    </section>
  );
}

/** Two exchanges side by side: changed headers highlighted, bodies as a line diff. */
export function CompareView({ diff, onClose }: { diff: CompareOutput; onClose(): void }) {
  const sides = [diff.left.id, diff.right.id] as const;
  return (
    <section className="compare" data-testid="compare-view" aria-label="Compare">
      <header className="exchange-detail-head">
        <strong>
          {diff.left.id} ({diff.left.status ?? '—'}) ↔ {diff.right.id} ({diff.right.status ?? '—'})
        </strong>
        <button type="button" data-testid="compare-close" onClick={onClose}>
          Close
        </button>
      </header>
      <Headers title="Request headers" rows={diff.requestHeaders} sides={sides} />
      <Body title="Request body" lines={diff.requestBody} />
      <Headers title="Response headers" rows={diff.responseHeaders} sides={sides} />
      <Body title="Response body" lines={diff.responseBody} />
    </section>
  );
}
