import type { ReactNode } from 'react';
import { DialogFooter } from '../../components/DialogFooter';

/** A form's Cancel and its primary submit button, in every dialog's order. */
export function FormActions(props: { submit: ReactNode; testId: string; disabled?: boolean; onCancel(): void }) {
  return (
    <DialogFooter
      onCancel={props.onCancel}
      primary={props.submit}
      primaryTestId={props.testId}
      primaryDisabled={props.disabled}
    />
  );
}
