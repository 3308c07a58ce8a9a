import { useEffect, useState } from 'react';
import {
  NHUB_INSTALLATION_PLATFORMS,
  type NhubInstallation,
  type NhubInstallationInput,
  type NhubInstallationPlatform,
} from '../../../shared/contract/nhub-registrations';
import { isValidTag } from '../../../shared/providers/nhub/tag-expression';
import { toShownError, type ShownError } from '../../bridge';
import { ErrorLine } from '../../components/ErrorLine';
import { ModalDialog } from '../../components/ModalDialog';
import { useNhubRegistrations } from '../../state/nhub-registrations';
import { FormActions } from '../credentials/DialogParts';
import { parseTagList } from './format';

export type EditTarget = { mode: 'new' } | { mode: 'edit'; installationId: string };

const PLATFORM_LABELS: Record<NhubInstallationPlatform, string> = {
  apns: 'APNs (apns)',
  fcmv1: 'FCM v1 (fcmv1)',
  wns: 'WNS (wns)',
  browser: 'Web Push (browser)',
  gcm: 'GCM, legacy (gcm)',
  adm: 'Amazon (adm)',
  baidu: 'Baidu (baidu)',
  xiaomi: 'Xiaomi (xiaomi)',
};

interface TemplateDraft {
  name: string;
  body: string;
  tags: string;
}

interface Draft {
  installationId: string;
  platform: NhubInstallationPlatform;
  pushChannel: string;
  p256dh: string;
  auth: string;
  userId: string;
  tags: string;
  templates: TemplateDraft[];
}

function toDraft(installation: NhubInstallation): Draft {
  const channel = installation.pushChannel;
  return {
    installationId: installation.installationId,
    platform: installation.platform,
    pushChannel: typeof channel === 'string' ? channel : channel.endpoint,
    p256dh: typeof channel === 'string' ? '' : channel.p256dh,
    auth: typeof channel === 'string' ? '' : channel.auth,
    userId: installation.userId ?? '',
    tags: installation.tags.join(', '),
    templates: Object.entries(installation.templates).map(([name, t]) => ({
      name,
      body: t.body,
      tags: (t.tags ?? []).join(', '),
    })),
  };
}

const EMPTY: Draft = {
  installationId: '',
  platform: 'apns',
  pushChannel: '',
  p256dh: '',
  auth: '',
  userId: '',
  tags: '',
  templates: [],
};

/** The draft as an installation, or the first thing wrong with it in words. */
function fromDraft(draft: Draft, before: NhubInstallation | null): NhubInstallationInput | string {
  if (!draft.installationId.trim()) return 'Give the installation an ID (your app usually uses a GUID per device).';
  if (!draft.pushChannel.trim()) return 'Give the push channel: the device token, FCM token, channel URI or endpoint.';
  const tags = parseTagList(draft.tags);
  const badTag = tags.find((tag) => !isValidTag(tag));
  if (badTag) return `Tag "${badTag}" is not one the hub takes: letters, digits and _ @ # . : - only, at most 120.`;
  const templates: NhubInstallationInput['templates'] = {};
  for (const t of draft.templates) {
    const name = t.name.trim();
    if (!name) return 'Every template needs a name.';
    if (templates[name]) return `Two templates are named "${name}".`;
    const templateTags = parseTagList(t.tags);
    templates[name] = {
      ...before?.templates[name],
      body: t.body,
      ...(templateTags.length ? { tags: templateTags } : {}),
    };
    if (!templateTags.length) delete templates[name].tags;
  }
  const browser = draft.platform === 'browser';
  if (browser && (!draft.p256dh.trim() || !draft.auth.trim())) {
    return 'A Web Push channel needs the subscription’s p256dh and auth keys too.';
  }
  return {
    installationId: draft.installationId.trim(),
    platform: draft.platform,
    pushChannel: browser
      ? { endpoint: draft.pushChannel.trim(), p256dh: draft.p256dh.trim(), auth: draft.auth.trim() }
      : draft.pushChannel.trim(),
    tags,
    templates,
    ...(draft.userId.trim() ? { userId: draft.userId.trim() } : {}),
  };
}

function TemplateFields(props: { template: TemplateDraft; index: number; onChange(t: TemplateDraft | null): void }) {
  const { template, index } = props;
  return (
    <fieldset className="field reg-template-fields" data-testid="inst-template">
      <legend>Template {index + 1}</legend>
      <label>
        Name
        <input value={template.name} onChange={(e) => props.onChange({ ...template, name: e.target.value })} />
      </label>
      <label>
        Body
        <textarea
          className="mono"
          rows={3}
          value={template.body}
          onChange={(e) => props.onChange({ ...template, body: e.target.value })}
        />
      </label>
      <label>
        Template tags (comma separated)
        <input value={template.tags} onChange={(e) => props.onChange({ ...template, tags: e.target.value })} />
      </label>
      <button type="button" className="danger" onClick={() => props.onChange(null)}>
        Remove template {index + 1}
      </button>
    </fieldset>
  );
}

/** Adds an installation (PUT) or edits one (PATCH of what changed), as the app's backend would. */
export function InstallationDialog(props: { target: EditTarget; onClose(): void; onDelete(id: string): void }) {
  const { target, onClose } = props;
  const { getInstallation, saveInstallation } = useNhubRegistrations();
  const [before, setBefore] = useState<NhubInstallation | null>(null);
  const [draft, setDraft] = useState<Draft | null>(target.mode === 'new' ? EMPTY : null);
  const [error, setError] = useState<ShownError | null>(null);
  const [saving, setSaving] = useState(false);
  const editing = target.mode === 'edit' ? target.installationId : null;

  useEffect(() => {
    if (!editing) return;
    getInstallation(editing).then(
      (installation) => {
        setBefore(installation);
        setDraft(toDraft(installation));
      },
      (err: unknown) => setError(toShownError(err)),
    );
  }, [editing, getInstallation]);

  const update = (change: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...change } : d));
  const submit = () => {
    if (!draft) return;
    const installation = fromDraft(draft, before);
    if (typeof installation === 'string') return setError({ code: 'INVALID_INPUT', message: installation });
    setSaving(true);
    setError(null);
    saveInstallation(before, installation).then(onClose, (err: unknown) => {
      setSaving(false);
      setError(toShownError(err));
    });
  };

  return (
    <ModalDialog
      title={editing ? `Edit installation "${editing}"` : 'Add an installation'}
      testId="installation-dialog"
      onClose={onClose}
    >
      {!draft ? (
        <>
          {!error && <p role="status">Loading the installation…</p>}
          <ErrorLine error={error} />
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <form
          className="reg-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="field">
            <label>
              Installation ID
              <input
                autoFocus={!editing}
                data-testid="inst-id"
                value={draft.installationId}
                readOnly={!!editing}
                onChange={(e) => update({ installationId: e.target.value })}
              />
            </label>
          </div>
          <div className="field-row">
            <label>
              Platform
              <select
                data-testid="inst-platform"
                value={draft.platform}
                onChange={(e) => update({ platform: e.target.value as NhubInstallationPlatform })}
              >
                {NHUB_INSTALLATION_PLATFORMS.map((p) => (
                  <option key={p} value={p}>
                    {PLATFORM_LABELS[p]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              User ID (optional)
              <input value={draft.userId} onChange={(e) => update({ userId: e.target.value })} />
            </label>
          </div>
          <div className="field">
            <label>
              {draft.platform === 'browser' ? 'Endpoint' : 'Push channel'}
              <input
                className="mono"
                data-testid="inst-channel"
                autoFocus={!!editing}
                value={draft.pushChannel}
                onChange={(e) => update({ pushChannel: e.target.value })}
              />
            </label>
          </div>
          {draft.platform === 'browser' && (
            <div className="field-row">
              <label>
                p256dh
                <input className="mono" value={draft.p256dh} onChange={(e) => update({ p256dh: e.target.value })} />
              </label>
              <label>
                auth
                <input className="mono" value={draft.auth} onChange={(e) => update({ auth: e.target.value })} />
              </label>
            </div>
          )}
          <div className="field">
            <label>
              Tags (comma separated)
              <input data-testid="inst-tags" value={draft.tags} onChange={(e) => update({ tags: e.target.value })} />
            </label>
          </div>
          {draft.templates.map((template, index) => (
            <TemplateFields
              key={index}
              template={template}
              index={index}
              onChange={(changed) =>
                update({
                  templates: changed
                    ? draft.templates.map((t, i) => (i === index ? changed : t))
                    : draft.templates.filter((_, i) => i !== index),
                })
              }
            />
          ))}
          <div>
            <button
              type="button"
              data-testid="inst-add-template"
              onClick={() => update({ templates: [...draft.templates, { name: '', body: '', tags: '' }] })}
            >
              Add template
            </button>
          </div>
          <ErrorLine error={error} />
          <FormActions
            submit={saving ? 'Saving…' : editing ? 'Save changes' : 'Add installation'}
            testId="inst-save"
            disabled={saving}
            onCancel={onClose}
          />
          {editing && (
            <div className="dialog-actions">
              <button
                type="button"
                className="danger"
                data-testid="inst-delete"
                onClick={() => props.onDelete(editing)}
              >
                Delete this installation…
              </button>
            </div>
          )}
        </form>
      )}
    </ModalDialog>
  );
}
