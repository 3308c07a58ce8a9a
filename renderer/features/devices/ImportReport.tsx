import type { CallOutput } from '../../../shared/contract';
import { DialogFooter } from '../../components/DialogFooter';
import { ModalDialog } from '../../components/ModalDialog';

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
    <ModalDialog
      testId="import-report"
      title={
        fileLevel
          ? `${fileName} could not be read`
          : `${fileName}: ${errors.length} bad row${errors.length === 1 ? '' : 's'}, ${valid} valid`
      }
      onClose={onDismiss}
    >
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
      <DialogFooter
        cancelLabel="Import nothing"
        cancelTestId="import-nothing"
        onCancel={onDismiss}
        {...(valid > 0
          ? {
              primary: `Import the ${valid} valid row${valid === 1 ? '' : 's'}`,
              primaryTestId: 'import-valid',
              onPrimary: onImportValid,
            }
          : {})}
      />
    </ModalDialog>
  );
}
