import type { CallOutput } from '../../../shared/contract';

type Refused = Extract<CallOutput<'devices.import'>, { ok: false }>;

/** Enough rows to fix a file by; a file of 100,000 bad rows would lay out slowly in full. */
const SHOWN_MAX = 1000;

/**
 * Every bad row of a refused import at once (row, field, reason), and the two ways on: import
 * the valid rows, or nothing.
 */
export function ImportReport({
  fileName,
  refused,
  onImportValid,
  onDismiss,
}: {
  fileName: string;
  refused: Refused;
  onImportValid(): void;
  onDismiss(): void;
}) {
  const { errors, valid } = refused;
  const fileLevel = errors.length === 1 && errors[0]!.row === 0;
  return (
    <section className="panel import-report" data-testid="import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title">
        {fileLevel
          ? `${fileName} could not be read`
          : `${fileName}: ${errors.length} bad row${errors.length === 1 ? '' : 's'}, ${valid} valid`}
      </h2>
      {fileLevel ? (
        <p>{errors[0]!.reason}</p>
      ) : (
        <div className="import-errors">
          <table className="table" data-testid="import-errors">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Field</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {errors.slice(0, SHOWN_MAX).map((e) => (
                <tr key={`${e.row}:${e.field}`} data-testid="import-error">
                  <td>{e.row}</td>
                  <td>{e.field}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {errors.length > SHOWN_MAX && (
            <p className="hint">
              Showing the first {SHOWN_MAX} of {errors.length} bad rows.
            </p>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <span className="spacer" />
        <button type="button" data-testid="import-nothing" onClick={onDismiss}>
          Import nothing
        </button>
        {valid > 0 && (
          <button type="button" className="primary" data-testid="import-valid" onClick={onImportValid}>
            Import the {valid} valid row{valid === 1 ? '' : 's'}
          </button>
        )}
      </div>
    </section>
  );
}
