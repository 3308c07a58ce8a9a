import { useEffect, useRef, type ReactNode } from 'react';

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
