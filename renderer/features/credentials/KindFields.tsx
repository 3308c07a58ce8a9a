import type { CredentialKind } from '../../../shared/domain/credential';

export interface FieldValues {
  file: File | null;
  keyFile: File | null;
  keyId: string;
  teamId: string;
  passphrase: string;
  wnsFlavor: 'package-sid' | 'entra';
  packageSid: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  privateKey: string;
  subject: string;
  connectionString: string;
  hubName: string;
}

export const EMPTY_FIELDS: FieldValues = {
  file: null,
  keyFile: null,
  keyId: '',
  teamId: '',
  passphrase: '',
  wnsFlavor: 'package-sid',
  packageSid: '',
  tenantId: '',
  clientId: '',
  clientSecret: '',
  privateKey: '',
  subject: '',
  connectionString: '',
  hubName: '',
};

/** The free-text fields (everything but the files and the WNS flavor). */
type TextName = { [K in keyof FieldValues]: string extends FieldValues[K] ? K : never }[keyof FieldValues];

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
  const text = (name: TextName) => (
    <Text
      {...TEXT_FIELDS[name]}
      value={values[name]}
      onChange={(value) => onChange({ [name]: value } as Partial<FieldValues>)}
    />
  );
  // Every kind with a file takes its main one (key, certificate, service account) as `file`.
  const mainFile = (label: string, accept: string) => (
    <FilePick label={label} accept={accept} testId="cred-file" onPick={(file) => onChange({ file })} />
  );
  switch (kind) {
    case 'apns-token':
      return (
        <>
          {mainFile('Key file (.p8)', '.p8,.pem')}
          {text('keyId')}
          {text('teamId')}
        </>
      );
    case 'apns-certificate':
      return (
        <>
          {mainFile('Certificate (.p12, .pfx or PEM)', '.p12,.pfx,.pem,.crt,.cer')}
          <FilePick
            label="Private key PEM (only with a PEM certificate)"
            accept=".pem,.key"
            testId="cred-key-file"
            onPick={(keyFile) => onChange({ keyFile })}
          />
          {text('passphrase')}
        </>
      );
    case 'fcm-service-account':
      return mainFile('Service account key (.json)', '.json');
    case 'wns':
      return (
        <>
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
          {values.wnsFlavor === 'package-sid' ? (
            text('packageSid')
          ) : (
            <>
              {text('tenantId')}
              {text('clientId')}
            </>
          )}
          {text('clientSecret')}
        </>
      );
    case 'vapid':
      return (
        <>
          {text('privateKey')}
          {text('subject')}
        </>
      );
    case 'nhub':
      return (
        <>
          {text('connectionString')}
          {text('hubName')}
        </>
      );
  }
}
