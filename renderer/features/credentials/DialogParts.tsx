import { useEffect, useRef, type ReactNode } from 'react';
import type { ShownError } from '../../state/credentials';

/** A modal dialog, opened as soon as it mounts; closing it (Escape included) calls onClose. */
export function Dialog(props: { title: string; testId: string; onClose(): void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return (
    <dialog ref={dialog} className="dialog" data-testid={props.testId} onClose={props.onClose}>
      <h3>{props.title}</h3>
      {props.children}
    </dialog>
  );
}

/** What went wrong and, when main knows, what to do about it. */
export function ErrorLine({ error, testId }: { error: ShownError | null; testId?: string }) {
  if (!error) return null;
  return (
    <div className="field-error" role="alert" data-testid={testId}>
      <strong>{error.message}</strong>
      {error.hint && <div>{error.hint}</div>}
    </div>
  );
}

/** A form's primary submit button and Cancel. */
export function FormActions(props: { submit: ReactNode; testId: string; disabled?: boolean; onCancel(): void }) {
  return (
    <div className="dialog-actions">
      <button type="submit" className="primary" disabled={props.disabled} data-testid={props.testId}>
        {props.submit}
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
