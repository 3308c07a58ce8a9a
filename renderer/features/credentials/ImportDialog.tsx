import { useState } from 'react';
import type { CredentialKind, CredentialMeta } from '../../../shared/domain/credential';
import { toShownError, type ShownError } from '../../bridge';
import { ErrorLine } from '../../components/ErrorLine';
import { useModalDialog } from '../../components/ModalDialog';
import { useCredentials } from '../../state/credentials';
import { FormActions } from './DialogParts';
import { KindFields } from './KindFields';
import { EMPTY_FIELDS, KIND_ORDER, kindLabel, toContractFields, type FieldValues } from './kinds';

interface Props {
  /** Replacing keeps id, label and kind; importing picks a kind and a label. */
  replacing?: CredentialMeta;
  onClose(): void;
}

export function ImportDialog({ replacing, onClose }: Props) {
  const { importCredential, replaceSecret } = useCredentials();
  const { dialog, titleId } = useModalDialog();
  const [kind, setKind] = useState<CredentialKind>(replacing?.kind ?? 'apns-token');
  const [label, setLabel] = useState('');
  const [values, setValues] = useState<FieldValues>(EMPTY_FIELDS);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const fields = await toContractFields(kind, values);
      if (replacing) await replaceSecret({ id: replacing.id, ...fields });
      else await importCredential({ kind, ...(label.trim() ? { label: label.trim() } : {}), ...fields });
      // Secrets typed into the form are dropped as soon as main has them.
      setValues(EMPTY_FIELDS);
      onClose();
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} data-testid="credential-import" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {replacing ? `Replace the secret of "${replacing.label}"` : 'Import a credential'}
        </h2>
        {!replacing && (
          <>
            <div className="field">
              <label>
                Kind
                <select
                  value={kind}
                  data-testid="cred-kind"
                  onChange={(e) => {
                    setKind(e.target.value as CredentialKind);
                    setError(null);
                  }}
                >
                  {KIND_ORDER.map((k) => (
                    <option key={k} value={k}>
                      {kindLabel(k)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="field">
              <label>
                Label (optional)
                <input value={label} data-testid="cred-label" onChange={(e) => setLabel(e.target.value)} />
              </label>
            </div>
          </>
        )}
        <KindFields kind={kind} values={values} onChange={(patch) => setValues({ ...values, ...patch })} />
        <ErrorLine error={error} testId="cred-import-error" />
        <p className="cred-note">The secret goes to the OS keychain; only its metadata is kept here.</p>
        <FormActions
          submit={busy ? 'Checking…' : replacing ? 'Replace secret' : 'Import'}
          testId="cred-import-submit"
          disabled={busy}
          onCancel={onClose}
        />
      </form>
    </dialog>
  );
}
