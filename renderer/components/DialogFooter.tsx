import type { ReactNode } from 'react';

/**
 * Every dialog's row of buttons, laid out one way: anything else (a hint, Duplicate, Delete) on
 * the left, then Cancel, then the primary action last on the right. `onPrimary` absent makes the
 * primary the form's submit button. Without `primary` the dialog only closes (`cancelLabel`).
 */
export function DialogFooter(props: {
  onCancel(): void;
  cancelLabel?: string;
  cancelTestId?: string;
  /** Cancel takes focus when the dialog opens: the safe default before a send. */
  cancelFirst?: boolean;
  primary?: ReactNode;
  primaryTestId?: string;
  onPrimary?(): void;
  primaryDisabled?: boolean;
  /** `danger` for an action that destroys something (Delete). */
  tone?: 'primary' | 'danger';
  children?: ReactNode;
}) {
  return (
    <div className="dialog-actions" data-testid="dialog-footer">
      {props.children}
      <span className="spacer" />
      <button
        type="button"
        data-testid={props.cancelTestId}
        data-role="cancel"
        autoFocus={props.cancelFirst}
        onClick={props.onCancel}
      >
        {props.cancelLabel ?? 'Cancel'}
      </button>
      {props.primary !== undefined && (
        <button
          type={props.onPrimary ? 'button' : 'submit'}
          className={props.tone ?? 'primary'}
          data-testid={props.primaryTestId}
          data-role="primary"
          disabled={props.primaryDisabled}
          onClick={props.onPrimary}
        >
          {props.primary}
        </button>
      )}
    </div>
  );
}
