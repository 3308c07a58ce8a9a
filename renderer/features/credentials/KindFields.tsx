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
  multiline?: boolean;
}) {
  return (
    <div className="field">
      <label>
        {props.label}
        {props.multiline ? (
          <textarea
            rows={3}
            value={props.value}
            placeholder={props.placeholder}
            data-testid={props.testId}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => props.onChange(e.target.value)}
          />
        ) : (
          <input
            type={props.secret ? 'password' : 'text'}
            value={props.value}
            placeholder={props.placeholder}
            data-testid={props.testId}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => props.onChange(e.target.value)}
          />
        )}
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
  switch (kind) {
    case 'apns-token':
      return (
        <>
          <FilePick label="Key file (.p8)" accept=".p8,.pem" testId="cred-file" onPick={(file) => onChange({ file })} />
          <Text
            label="Key ID (guessed from AuthKey_XXXXXXXXXX.p8 when empty)"
            value={values.keyId}
            testId="cred-key-id"
            placeholder="ABC123DEFG"
            onChange={(keyId) => onChange({ keyId })}
          />
          <Text
            label="Team ID"
            value={values.teamId}
            testId="cred-team-id"
            placeholder="TEAM123456"
            onChange={(teamId) => onChange({ teamId })}
          />
        </>
      );
    case 'apns-certificate':
      return (
        <>
          <FilePick
            label="Certificate (.p12, .pfx or PEM)"
            accept=".p12,.pfx,.pem,.crt,.cer"
            testId="cred-file"
            onPick={(file) => onChange({ file })}
          />
          <FilePick
            label="Private key PEM (only with a PEM certificate)"
            accept=".pem,.key"
            testId="cred-key-file"
            onPick={(keyFile) => onChange({ keyFile })}
          />
          <Text
            label="Passphrase (empty if none)"
            secret
            value={values.passphrase}
            testId="cred-passphrase"
            onChange={(passphrase) => onChange({ passphrase })}
          />
        </>
      );
    case 'fcm-service-account':
      return (
        <FilePick
          label="Service account key (.json)"
          accept=".json"
          testId="cred-file"
          onPick={(file) => onChange({ file })}
        />
      );
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
            <Text
              label="Package SID"
              value={values.packageSid}
              testId="cred-package-sid"
              placeholder="ms-app://S-1-15-2-…"
              onChange={(packageSid) => onChange({ packageSid })}
            />
          ) : (
            <>
              <Text
                label="Tenant ID"
                value={values.tenantId}
                testId="cred-tenant-id"
                onChange={(tenantId) => onChange({ tenantId })}
              />
              <Text
                label="Client (application) ID"
                value={values.clientId}
                testId="cred-client-id"
                onChange={(clientId) => onChange({ clientId })}
              />
            </>
          )}
          <Text
            label="Client secret"
            secret
            value={values.clientSecret}
            testId="cred-client-secret"
            onChange={(clientSecret) => onChange({ clientSecret })}
          />
        </>
      );
    case 'vapid':
      return (
        <>
          <Text
            label="Private key (base64url or PEM)"
            secret
            value={values.privateKey}
            testId="cred-private-key"
            onChange={(privateKey) => onChange({ privateKey })}
          />
          <Text
            label="Subject"
            value={values.subject}
            testId="cred-subject"
            placeholder="mailto:you@example.com"
            onChange={(subject) => onChange({ subject })}
          />
        </>
      );
    case 'nhub':
      return (
        <>
          <Text
            label="Connection string"
            secret
            value={values.connectionString}
            testId="cred-connection-string"
            placeholder="Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…"
            onChange={(connectionString) => onChange({ connectionString })}
          />
          <Text
            label="Hub name"
            value={values.hubName}
            testId="cred-hub-name"
            onChange={(hubName) => onChange({ hubName })}
          />
        </>
      );
  }
}
