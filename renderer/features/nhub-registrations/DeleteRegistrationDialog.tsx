import { useState } from 'react';
import { toShownError, type ShownError } from '../../bridge';
import { ErrorLine } from '../../components/ErrorLine';
import { ModalDialog } from '../../components/ModalDialog';
import { useNhubRegistrations } from '../../state/nhub-registrations';

export interface DeleteTarget {
  noun: 'installation' | 'registration';
  id: string;
}

/** Asks before deleting on the hub: the device stops getting notifications until its app registers again. */
export function DeleteRegistrationDialog({ target, onClose }: { target: DeleteTarget; onClose(): void }) {
  const deleteInstallation = useNhubRegistrations((s) => s.deleteInstallation);
  const deleteRegistration = useNhubRegistrations((s) => s.deleteRegistration);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = () => {
    setBusy(true);
    const work = target.noun === 'installation' ? deleteInstallation(target.id) : deleteRegistration(target.id);
    work.then(onClose, (err: unknown) => {
      setBusy(false);
      setError(toShownError(err));
    });
  };
  return (
    <ModalDialog title={`Delete ${target.noun} "${target.id}"?`} testId="reg-delete-dialog" onClose={onClose} alert>
      <p>
        {target.noun === 'installation'
          ? 'The hub deletes the installation and every registration it made.'
          : 'The hub deletes this registration.'}{' '}
        The device gets no notifications from this hub until its app registers again. This cannot be undone.
      </p>
      <ErrorLine error={error} />
      <div className="dialog-actions">
        <button type="button" className="danger" data-testid="reg-delete-confirm" disabled={busy} onClick={run}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" autoFocus onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
