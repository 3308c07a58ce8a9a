import type { Profile } from '../../../shared/domain/profile';
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
      <div className="dialog-actions">
        <span className="spacer" />
        <button type="button" data-testid="production-cancel" autoFocus onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          data-testid="production-confirm-send"
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          Send {what}
        </button>
      </div>
    </ModalDialog>
  );
}
