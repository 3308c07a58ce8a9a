import { useState, type FormEvent } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { call, toShownError, type ShownError } from '../../bridge';
import { fitsInline } from '../../bridge/upload';
import { DialogFooter } from '../../components/DialogFooter';
import { ErrorLine } from '../../components/ErrorLine';
import { FileButton } from '../../components/FileButton';
import { ModalDialog } from '../../components/ModalDialog';

type ImportReport = CallOutput<'collections.importPostman'>;

/**
 * A Postman collection (pasted or from a file) into a new workspace collection, then the report:
 * each request written, and each item left out with why (`collections.importPostman`).
 */
export function ImportPostmanDialog(props: { onClose(): void; onImported(name: string): void }) {
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = (file: File) => {
    setError(null);
    void file.text().then((read) => {
      if (!fitsInline(read)) {
        setError({ code: 'TOO_LARGE', message: `${file.name} is too large to import here.` });
        return;
      }
      setText(read);
      if (!name) setName(file.name.replace(/(\.postman_collection)?\.json$/i, '').replace(/[^\w .-]/g, '-'));
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const imported = await call('collections.importPostman', { name: name.trim(), postman: text });
      setReport(imported);
      props.onImported(name.trim());
    } catch (failure) {
      setError(toShownError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title="Import Postman collection" testId="import-postman-dialog" onClose={props.onClose}>
      <form onSubmit={(event) => void submit(event)} className="dialog-form">
        <label>
          Collection’s name
          <input data-testid="import-postman-name" value={name} required onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Postman collection (v2.0 or v2.1 JSON)
          <textarea
            data-testid="import-postman-text"
            rows={8}
            className="mono"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <p className="hint">
          APNs, FCM v1, WNS and Notification Hubs calls become requests; Authorization headers are never carried over.
        </p>
        <ErrorLine error={error} testId="import-postman-error" />
        {report && (
          <div data-testid="import-postman-report" role="status">
            <p>
              {report.written.length} request{report.written.length === 1 ? '' : 's'} written
              {report.skipped.length > 0 ? `, ${report.skipped.length} left out` : ''}.
            </p>
            <ul>
              {report.written.map((file) => (
                <li key={file} className="mono">
                  {file}
                </li>
              ))}
            </ul>
            {report.skipped.length > 0 && (
              <>
                <h3>Left out</h3>
                <ul data-testid="import-postman-skipped">
                  {report.skipped.map((skip) => (
                    <li key={skip.item}>
                      <strong>{skip.item}</strong>: {skip.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <DialogFooter
          onCancel={props.onClose}
          cancelLabel={report ? 'Close' : 'Cancel'}
          primary={busy ? 'Importing…' : 'Import'}
          primaryTestId="import-postman-submit"
          primaryDisabled={busy || report !== null || text.trim() === '' || name.trim() === ''}
        >
          <FileButton accept=".json,application/json" testId="import-postman-file" onFile={pick}>
            Choose file…
          </FileButton>
        </DialogFooter>
      </form>
    </ModalDialog>
  );
}
