import type { Profile } from '../../../shared/domain/profile';
import { DialogFooter } from '../../components/DialogFooter';
import { ModalDialog } from '../../components/ModalDialog';

interface Props {
  /** How many notifications the send makes: 1 from the composer, the target count from bulk. */
  count: number;
  profile: Profile;
  onConfirm(): void;
  onClose(): void;
}

/**
 * The one question before a send reaches real devices: it names how many and with which profile,
 * so a production send is never a slip of Ctrl+Enter. Cancel is the default; the profile editor
 * turns the question off per profile.
 */
export function ProductionConfirmDialog({ count, profile, onConfirm, onClose }: Props) {
  const what = count === 1 ? '1 notification' : `${count.toLocaleString()} notifications`;
  return (
    <ModalDialog title="Send to production?" testId="production-confirm" onClose={onClose} alert>
      <p data-testid="production-confirm-text">
        This sends {what} to real devices with the production profile “{profile.name}”.
      </p>
      <DialogFooter
        cancelTestId="production-cancel"
        cancelFirst
        onCancel={onClose}
        primary={`Send ${what}`}
        primaryTestId="production-confirm-send"
        onPrimary={() => {
          onConfirm();
          onClose();
        }}
      />
    </ModalDialog>
  );
}
