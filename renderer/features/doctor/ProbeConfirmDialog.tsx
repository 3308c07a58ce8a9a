import { DialogFooter } from '../../components/DialogFooter';
import { ModalDialog } from '../../components/ModalDialog';

/** Asked before the APNs environment probe: it is a real push, to a real device outside `local`. */
export function ProbeConfirmDialog(props: { where: 'apple' | 'local'; onConfirm(): void; onClose(): void }) {
  const hosts = props.where === 'local' ? 'the local emulator’s sandbox and production hosts' : 'Apple';
  return (
    <ModalDialog
      title="Send a silent push to find the environment?"
      testId="probe-confirm"
      onClose={props.onClose}
      alert
    >
      <p data-testid="probe-confirm-text">
        This sends a real silent push to this device (content-available, priority 5; nothing is shown, the app may wake
        in the background) through {hosts}: to sandbox first, then to production if sandbox refuses the token. Both
        sends are recorded in history.
      </p>
      <DialogFooter
        cancelTestId="probe-cancel"
        cancelFirst
        onCancel={props.onClose}
        primary="Send the silent push"
        primaryTestId="probe-confirm-send"
        onPrimary={() => {
          props.onConfirm();
          props.onClose();
        }}
      />
    </ModalDialog>
  );
}
