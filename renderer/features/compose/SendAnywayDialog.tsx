import type { PreflightIssue } from '../../../shared/preflight/types';
import { DialogFooter } from '../../components/DialogFooter';
import { ModalDialog } from '../../components/ModalDialog';

interface Props {
  errors: readonly PreflightIssue[];
  providerLabel: string;
  onConfirm(): void;
  onClose(): void;
}

/**
 * The explicit yes before a send preflight refuses: it names what preflight found, so sending a bad
 * payload to see how the service answers is a choice, never an accident. Cancel is the default.
 */
export function SendAnywayDialog({ errors, providerLabel, onConfirm, onClose }: Props) {
  return (
    <ModalDialog title="Send against preflight?" testId="send-anyway-dialog" onClose={onClose} alert>
      <p>
        Preflight found {errors.length === 1 ? 'an error' : `${errors.length} errors`} in this send. {providerLabel}{' '}
        will most likely refuse it; send it anyway to see its answer. The result and history will say it was sent
        against preflight.
      </p>
      <ul className="send-anyway-errors" data-testid="send-anyway-errors">
        {errors.map((issue, index) => (
          <li key={`${issue.code}-${index}`}>{issue.message}</li>
        ))}
      </ul>
      <DialogFooter
        cancelTestId="send-anyway-cancel"
        cancelFirst
        onCancel={onClose}
        primary="Send anyway"
        primaryTestId="send-anyway-confirm"
        onPrimary={() => {
          onConfirm();
          onClose();
        }}
      />
    </ModalDialog>
  );
}
