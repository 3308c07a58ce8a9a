import type { CredentialKind } from '../../../shared/domain/credential';
import { KIND_VIEWS, type FieldValues, type TextName } from './kinds';

const TEXT_FIELDS: Record<TextName, { label: string; testId: string; placeholder?: string; secret?: boolean }> = {
  keyId: {
    label: 'Key ID (guessed from AuthKey_XXXXXXXXXX.p8 when empty)',
    testId: 'cred-key-id',
    placeholder: 'ABC123DEFG',
  },
  teamId: { label: 'Team ID', testId: 'cred-team-id', placeholder: 'TEAM123456' },
  passphrase: { label: 'Passphrase (empty if none)', testId: 'cred-passphrase', secret: true },
  packageSid: { label: 'Package SID', testId: 'cred-package-sid', placeholder: 'ms-app://S-1-15-2-…' },
  tenantId: { label: 'Tenant ID', testId: 'cred-tenant-id' },
  clientId: { label: 'Client (application) ID', testId: 'cred-client-id' },
  clientSecret: { label: 'Client secret', testId: 'cred-client-secret', secret: true },
  privateKey: { label: 'Private key (base64url or PEM)', testId: 'cred-private-key', secret: true },
  subject: { label: 'Subject', testId: 'cred-subject', placeholder: 'mailto:you@example.com' },
  connectionString: {
    label: 'Connection string',
    testId: 'cred-connection-string',
    placeholder: 'Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…',
    secret: true,
  },
  hubName: { label: 'Hub name', testId: 'cred-hub-name' },
};

interface Props {
  kind: CredentialKind;
  values: FieldValues;
  onChange(patch: Partial<FieldValues>): void;
}

function Text(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  secret?: boolean;
  placeholder?: string;
  testId: string;
}) {
  return (
    <div className="field">
      <label>
        {props.label}
        <input
          type={props.secret ? 'password' : 'text'}
          value={props.value}
          placeholder={props.placeholder}
          data-testid={props.testId}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => props.onChange(e.target.value)}
        />
      </label>
    </div>
  );
}

function FilePick(props: { label: string; accept: string; testId: string; onPick(file: File | null): void }) {
  return (
    <div className="field">
      <label>
        {props.label}
        <input
          type="file"
          accept={props.accept}
          data-testid={props.testId}
          onChange={(e) => props.onPick(e.target.files?.[0] ?? null)}
        />
      </label>
    </div>
  );
}

/** The inputs one credential kind needs; secret ones are password fields and never prefilled. */
export function KindFields({ kind, values, onChange }: Props) {
  const { form } = KIND_VIEWS[kind];
  return (
    <>
      {form.wnsFlavor && (
        <div className="field-row">
          {(['package-sid', 'entra'] as const).map((flavor) => (
            <label key={flavor} className="field-check">
              <input
                type="radio"
                name="wns-flavor"
                checked={values.wnsFlavor === flavor}
                onChange={() => onChange({ wnsFlavor: flavor })}
              />
              {flavor === 'package-sid' ? 'Package SID (Partner Center)' : 'Entra ID (Windows App SDK)'}
            </label>
          ))}
        </div>
      )}
      {/* Every kind with a file takes its main one (key, certificate, service account) as `file`. */}
      {form.file && <FilePick {...form.file} testId="cred-file" onPick={(file) => onChange({ file })} />}
      {form.keyFile && (
        <FilePick {...form.keyFile} testId="cred-key-file" onPick={(keyFile) => onChange({ keyFile })} />
      )}
      {form.text(values).map((name) => (
        <Text
          key={name}
          {...TEXT_FIELDS[name]}
          value={values[name]}
          onChange={(value) => onChange({ [name]: value } as Partial<FieldValues>)}
        />
      ))}
    </>
  );
}
