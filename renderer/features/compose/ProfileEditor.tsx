import { useState } from 'react';
import { DialogFooter } from '../../components/DialogFooter';
import type { Environment } from '../../../shared/domain/environment';
import type { Provider } from '../../../shared/domain/exchange';
import type { Profile } from '../../../shared/domain/profile';
import { toShownError, type ShownError } from '../../bridge';
import { ErrorLine } from '../../components/ErrorLine';
import { useModalDialog } from '../../components/ModalDialog';
import { useCredentialChoices } from '../../state/credential-choices';
import { useProfiles } from '../../state/profiles';

/** The choice reads by its words and a check, not only its colour. */
const ENVIRONMENTS = [
  { env: 'local', hint: 'emulators' },
  { env: 'sandbox', hint: 'test services' },
  { env: 'production', hint: 'real devices' },
] as const satisfies readonly { env: Environment; hint: string }[];

interface Props {
  provider: Provider;
  profile: Profile | null;
  onClose(saved: Profile | null): void;
}

/** Create, edit, duplicate or delete a profile; main refuses mismatches with the reason shown here. */
export function ProfileEditor({ provider, profile, onClose }: Props) {
  const { save, duplicate, remove } = useProfiles();
  const credentials = useCredentialChoices(provider);
  const [name, setName] = useState(profile?.name ?? '');
  const [credentialId, setCredentialId] = useState(profile?.credentialId ?? '');
  const [environment, setEnvironment] = useState<Environment>(profile?.environment ?? 'sandbox');
  const [defaults, setDefaults] = useState(JSON.stringify(profile?.defaults ?? {}, null, 2));
  const [confirmProduction, setConfirmProduction] = useState(profile?.confirmProduction ?? true);
  const [error, setError] = useState<ShownError | null>(null);
  const { dialog, titleId } = useModalDialog();

  async function submit() {
    let parsedDefaults: Record<string, unknown>;
    try {
      parsedDefaults = JSON.parse(defaults || '{}');
    } catch {
      setError({
        code: 'INVALID_INPUT',
        message: 'Defaults must be a JSON object, e.g. {"topic": "com.example.app"}.',
      });
      return;
    }
    try {
      const saved = await save({
        ...(profile ? { id: profile.id } : {}),
        name,
        provider,
        credentialId,
        environment,
        ...(environment === 'production' ? { confirmProduction } : {}),
        defaults: parsedDefaults,
      });
      onClose(saved);
    } catch (e) {
      setError(toShownError(e));
    }
  }

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      data-testid="profile-editor"
      onCancel={() => onClose(null)}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {profile ? 'Edit profile' : 'New profile'}
        </h2>
        <div className="field">
          <label htmlFor="profile-name">Name</label>
          <input
            id="profile-name"
            data-testid="profile-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="profile-credential">Credential</label>
          {credentials.length > 0 ? (
            <select
              id="profile-credential"
              data-testid="profile-credential"
              value={credentialId}
              onChange={(e) => setCredentialId(e.target.value)}
            >
              <option value="">Choose…</option>
              {credentials.map((credential) => (
                <option key={credential.id} value={credential.id}>
                  {credential.label} ({credential.kind})
                </option>
              ))}
            </select>
          ) : (
            <input
              id="profile-credential"
              data-testid="profile-credential"
              placeholder="Credential id or label (import one on the Credentials screen)"
              value={credentialId}
              onChange={(e) => setCredentialId(e.target.value)}
            />
          )}
        </div>
        <fieldset className="field env-choice">
          <legend>Environment</legend>
          <div className="segmented">
            {ENVIRONMENTS.map(({ env, hint }) => (
              <label key={env} className="segment" data-testid={`profile-env-${env}-choice`}>
                <input
                  type="radio"
                  name="environment"
                  data-testid={`profile-env-${env}`}
                  checked={environment === env}
                  onChange={() => setEnvironment(env)}
                />
                <span className={`segment-dot env-${env}`} aria-hidden="true" />
                <span className="segment-text">
                  <span className="segment-name">{env}</span>
                  <small>{hint}</small>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {environment === 'production' && (
          <label className="field field-check">
            <input
              type="checkbox"
              data-testid="profile-confirm-production"
              checked={confirmProduction}
              onChange={(e) => setConfirmProduction(e.target.checked)}
            />
            Ask before each send and bulk send with this profile
          </label>
        )}
        <div className="field">
          <label htmlFor="profile-defaults">Defaults (JSON, merged under each send’s options)</label>
          <textarea
            id="profile-defaults"
            data-testid="profile-defaults"
            rows={4}
            value={defaults}
            onChange={(e) => setDefaults(e.target.value)}
          />
        </div>
        <ErrorLine error={error} testId="profile-error" />
        <DialogFooter onCancel={() => onClose(null)} primary="Save" primaryTestId="profile-save">
          {profile && (
            <>
              <button
                type="button"
                data-testid="profile-duplicate"
                onClick={() => void duplicate(profile.id).then(onClose, (e: unknown) => setError(toShownError(e)))}
              >
                Duplicate
              </button>
              <button
                type="button"
                className="danger"
                data-testid="profile-delete"
                onClick={() => {
                  if (confirm(`Delete the profile "${profile.name}"? Its credential stays.`)) {
                    void remove(profile.id).then(
                      () => onClose(null),
                      (e: unknown) => setError(toShownError(e)),
                    );
                  }
                }}
              >
                Delete
              </button>
            </>
          )}
        </DialogFooter>
      </form>
    </dialog>
  );
}
