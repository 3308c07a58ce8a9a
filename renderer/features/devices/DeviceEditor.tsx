import { useState } from 'react';
import { DialogFooter } from '../../components/DialogFooter';
import { useModalDialog } from '../../components/ModalDialog';
import { deviceKind, type Device } from '../../../shared/domain/device';
import type { Provider } from '../../../shared/domain/exchange';
import { useDevices } from '../../state/devices';
import { PROVIDER_LIST, providerSpec } from '../../../shared/providers';
import { deviceKindProblem, targetProblem } from '../../../shared/devices/validate-target';
import type { KindProblem } from '../../../shared/providers/apns/device-kinds';
import { DeviceKindFields, type KindForm } from './DeviceKindFields';

/** Add or edit one device; the same target for the same provider updates rather than duplicates. */
export function DeviceEditor({ device, onClose }: { device: Device | null; onClose(): void }) {
  const save = useDevices((state) => state.save);
  const devices = useDevices((state) => state.devices);
  const { dialog, titleId } = useModalDialog();
  const [form, setForm] = useState({
    label: device?.label ?? '',
    provider: device?.provider ?? ('apns' as Provider),
    platform: device?.platform ?? ('ios' as Device['platform']),
    environment: device?.environment ?? ('sandbox' as Device['environment']),
    target: device?.target ?? '',
    tags: device?.tags.join(', ') ?? '',
    notes: device?.notes ?? '',
    kind: device ? deviceKind(device) : 'token',
    attributesType: device?.attributesType ?? '',
    activityId: device?.activityId ?? '',
    fields: Object.entries(device?.fields ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  });
  const [error, setError] = useState<string | null>(null);
  const [targetError, setTargetError] = useState<string | null>(null);
  const [kindError, setKindError] = useState<KindProblem | null>(null);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const kindFields: KindForm = form.provider === 'apns' ? form : { kind: 'token', attributesType: '', activityId: '' };
  const samePushToStart =
    kindFields.kind === 'push-to-start' && kindFields.attributesType.trim()
      ? (devices.find(
          (d) =>
            d.id !== device?.id &&
            d.provider === 'apns' &&
            d.kind === 'push-to-start' &&
            d.environment === form.environment &&
            d.attributesType === kindFields.attributesType.trim(),
        )?.label ?? null)
      : null;

  async function submit() {
    // The same checks an import makes, said on the field before anything is saved.
    const kindProblem = deviceKindProblem({ provider: form.provider, ...kindFields });
    setKindError(kindProblem);
    if (kindProblem) return document.getElementById(`device-${kindProblem.field}`)?.focus();
    const problem = form.target.trim()
      ? targetProblem(form.provider, form.environment, form.target, kindFields.kind)
      : 'A device needs a target.';
    setTargetError(problem);
    if (problem) return document.getElementById('device-target')?.focus();
    const fields: Record<string, string> = {};
    for (const line of form.fields
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      const at = line.indexOf('=');
      if (at <= 0) return setError(`Fields are name=value lines; "${line}" has no "=".`);
      fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    try {
      const { updated } = await save({
        ...(device ? { id: device.id } : {}),
        label: form.label,
        provider: form.provider,
        platform: form.platform,
        environment: form.environment,
        target: form.target,
        tags: form.tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        notes: form.notes,
        fields,
        // Always said, so an edit back to an ordinary token clears the Live Activity fields.
        kind: kindFields.kind,
        ...(kindFields.kind !== 'token' ? { attributesType: kindFields.attributesType.trim() } : {}),
        ...(kindFields.kind === 'update' ? { activityId: kindFields.activityId.trim() } : {}),
      });
      if (updated && !device) alert('A device with this target already existed; it was updated instead of duplicated.');
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} data-testid="device-editor" onCancel={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {device ? 'Edit device' : 'Add a device'}
        </h2>
        <div className="field">
          <label htmlFor="device-label">Label</label>
          <input
            id="device-label"
            data-testid="device-label"
            autoFocus
            value={form.label}
            onChange={(e) => set({ label: e.target.value })}
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="device-provider">Provider</label>
            <select
              id="device-provider"
              data-testid="device-provider"
              value={form.provider}
              onChange={(e) => {
                const provider = e.target.value as Provider;
                set({ provider, platform: providerSpec(provider).devicePlatform });
              }}
            >
              {PROVIDER_LIST.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="device-platform">Platform</label>
            <select
              id="device-platform"
              value={form.platform}
              onChange={(e) => set({ platform: e.target.value as Device['platform'] })}
            >
              {['ios', 'android', 'windows', 'web', 'other'].map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="device-env">Environment</label>
            <select
              id="device-env"
              data-testid="device-env"
              value={form.environment}
              onChange={(e) => set({ environment: e.target.value as Device['environment'] })}
            >
              {['local', 'sandbox', 'production'].map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </div>
        </div>
        {form.provider === 'apns' && (
          <DeviceKindFields
            form={kindFields}
            problem={kindError}
            samePushToStart={samePushToStart}
            onChange={(patch) => {
              set(patch);
              setKindError(null);
              setTargetError(null);
            }}
          />
        )}
        <div className="field">
          <label htmlFor="device-target">Target (token, channel URI, subscription JSON, tags)</label>
          <textarea
            id="device-target"
            data-testid="device-target"
            rows={3}
            value={form.target}
            aria-invalid={targetError ? true : undefined}
            aria-describedby={targetError ? 'device-target-error' : undefined}
            onChange={(e) => {
              set({ target: e.target.value });
              setTargetError(null);
            }}
          />
          {targetError && (
            <p id="device-target-error" className="field-error" data-testid="device-target-error">
              {targetError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="device-tags">Tags (comma separated)</label>
          <input id="device-tags" value={form.tags} onChange={(e) => set({ tags: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="device-fields">Fields for {'{{device.name}}'} (name=value per line)</label>
          <textarea
            id="device-fields"
            data-testid="device-fields"
            rows={2}
            value={form.fields}
            onChange={(e) => set({ fields: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="device-notes">Notes</label>
          <input id="device-notes" value={form.notes} onChange={(e) => set({ notes: e.target.value })} />
        </div>
        {error && (
          <p className="field-error" role="alert" data-testid="device-error">
            {error}
          </p>
        )}
        <DialogFooter onCancel={onClose} primary="Save" primaryTestId="device-save" />
      </form>
    </dialog>
  );
}
