import { useState } from 'react';
import { DialogFooter } from '../../components/DialogFooter';
import type { CredentialMeta } from '../../../shared/domain/credential';
import { toShownError, type ShownError } from '../../bridge';
import { ErrorLine } from '../../components/ErrorLine';
import { useCredentials } from '../../state/credentials';
import { ModalDialog } from '../../components/ModalDialog';
import { FormActions } from './DialogParts';

export function RenameDialog({ meta, onClose }: { meta: CredentialMeta; onClose(): void }) {
  const rename = useCredentials((s) => s.rename);
  const [label, setLabel] = useState(meta.label);
  const [error, setError] = useState<ShownError | null>(null);
  return (
    <ModalDialog title={`Rename "${meta.label}"`} testId="credential-rename" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          rename(meta.id, label).then(onClose, (err: unknown) => setError(toShownError(err)));
        }}
      >
        <div className="field">
          <label>
            Label
            <input autoFocus value={label} data-testid="cred-rename-input" onChange={(e) => setLabel(e.target.value)} />
          </label>
        </div>
        <ErrorLine error={error} />
        <FormActions submit="Rename" testId="cred-rename-submit" onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}

export function DeleteDialog({ meta, onClose }: { meta: CredentialMeta; onClose(): void }) {
  const remove = useCredentials((s) => s.remove);
  const [error, setError] = useState<ShownError | null>(null);
  return (
    <ModalDialog title={`Delete "${meta.label}"?`} testId="credential-delete" onClose={onClose}>
      <p>
        This removes the credential and its secret from the OS keychain. Profiles that use it will need another
        credential. This cannot be undone.
      </p>
      <ErrorLine error={error} />
      <DialogFooter
        onCancel={onClose}
        tone="danger"
        primary="Delete"
        primaryTestId="cred-delete-confirm"
        onPrimary={() => void remove(meta.id).then(onClose, (err: unknown) => setError(toShownError(err)))}
      />
    </ModalDialog>
  );
}

export function VapidDialog({ onClose }: { onClose(): void }) {
  const generate = useCredentials((s) => s.generateVapid);
  const [subject, setSubject] = useState('mailto:');
  const [label, setLabel] = useState('');
  const [made, setMade] = useState<CredentialMeta | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [copied, setCopied] = useState(false);
  const publicKey = made ? String(made.metadata['publicKey'] ?? '') : '';
  return (
    <ModalDialog title="Generate a VAPID key pair" testId="credential-vapid" onClose={onClose}>
      {made ? (
        <div className="cred-vapid-result">
          <p>
            Stored as “{made.label}”. Give this public key to your page as <code>applicationServerKey</code>; the
            private key stays in the keychain.
          </p>
          <textarea readOnly className="mono" rows={3} value={publicKey} data-testid="cred-vapid-public" />
          {made.warnings.map((warning) => (
            <div key={warning} className="cred-warning">
              {warning}
            </div>
          ))}
          <DialogFooter
            onCancel={onClose}
            cancelLabel="Done"
            primary={copied ? 'Copied' : 'Copy public key'}
            primaryTestId="cred-vapid-copy"
            onPrimary={() => void navigator.clipboard?.writeText(publicKey).then(() => setCopied(true))}
          />
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            generate(subject, label.trim() || undefined).then(setMade, (err: unknown) => setError(toShownError(err)));
          }}
        >
          <div className="field">
            <label>
              Subject (mailto: or https:)
              <input value={subject} data-testid="cred-vapid-subject" onChange={(e) => setSubject(e.target.value)} />
            </label>
          </div>
          <div className="field">
            <label>
              Label (optional)
              <input value={label} onChange={(e) => setLabel(e.target.value)} />
            </label>
          </div>
          <ErrorLine error={error} />
          <FormActions submit="Generate" testId="cred-vapid-generate" onCancel={onClose} />
        </form>
      )}
    </ModalDialog>
  );
}
