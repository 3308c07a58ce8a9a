import type { ReactNode } from 'react';

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
