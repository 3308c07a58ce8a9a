import { useMemo, useState } from 'react';
import { ErrorLine } from '../../components/ErrorLine';
import { FileButton } from '../../components/FileButton';
import { BulkRunView } from './BulkRun';
import { checkFileSize } from '../../bridge/upload';
import { splitTargets } from '../../../shared/devices/targets';
import type { Device } from '../../../shared/domain/device';
import type { Provider } from '../../../shared/domain/exchange';
import type { SendRequest } from '../../../shared/domain/send-request';
import { useBulk } from '../../state/bulk';
import { currentDraft, useComposer } from '../../state/composer';
import { useProfiles } from '../../state/profiles';
import { PROVIDER_LIST } from '../../../shared/providers';
import { asksBeforeSending } from '../../../shared/domain/profile';
import { ProductionConfirmDialog } from '../compose/ProductionConfirmDialog';

/**
 * Sends the composer's current message for that provider to the selected devices (or to a pasted
 * list of targets), with a progress bar (rate, ETA), pause and cancel, and the results
 * (`BulkResults`).
 */
export function BulkPanel({ devices, paste = false }: { devices: Device[]; paste?: boolean }) {
  const providers = [...new Set(devices.map((d) => d.provider))];
  const bulk = useBulk();
  const [confirming, setConfirming] = useState(false);
  const { form, setForm } = bulk;
  const provider = paste ? form.provider : providers.length === 1 ? providers[0]! : null;
  const drafts = useComposer((state) => state.drafts);
  const profiles = useProfiles((state) => state.profiles);
  const candidates = useMemo(() => profiles.filter((p) => p.provider === provider), [profiles, provider]);
  // A pasted list can be 100,000 lines; split it when it changes, not on every progress event.
  const pastedTargets = useMemo(() => (paste ? splitTargets(form.pasted) : []), [paste, form.pasted]);
  const targets = form.file ? form.file.targets : pastedTargets;

  function loadFile(file: File) {
    if (/\.(csv|json)$/i.test(file.name)) {
      bulk.setError(
        `${file.name} looks like a devices export. Import it with "Import CSV/JSON…" above and tick the devices; a targets file has one target per line.`,
      );
      return;
    }
    const tooLarge = checkFileSize(file, 'targets file');
    if (tooLarge) return bulk.setError(tooLarge);
    file.text().then(
      (text) => {
        bulk.setError(null);
        setForm({ file: { name: file.name, targets: splitTargets(text) } });
      },
      () => bulk.setError(`Could not read ${file.name}; choose it again, or paste the targets.`),
    );
  }
  if (!provider)
    return (
      <>
        <p className="hint" data-testid="bulk-pick-hint">
          Select devices of one provider to send to them together.
        </p>
        <BulkRunView />
      </>
    );
  const count = paste ? targets.length : devices.length;
  const draft = currentDraft(provider, drafts);
  const profile = candidates.find((p) => p.id === (form.profileId || draft.profileId)) ?? null;
  const progress = bulk.progress;
  const running = progress && (progress.state === 'running' || progress.state === 'paused');

  function start() {
    if (!profile) return;
    const request = {
      provider,
      credential: profile.credentialId,
      environment: profile.environment,
      target: '',
      options: { ...profile.defaults, ...draft.options },
      payload: draft.payload,
    } as SendRequest;
    void bulk.start({
      request,
      ...(paste ? { targets } : { deviceIds: devices.map((d) => d.id) }),
      ...(form.concurrency ? { concurrency: Number(form.concurrency) } : {}),
    });
  }

  return (
    <section className="panel bulk" data-testid="bulk-panel">
      <h3>
        Send to {count.toLocaleString()} {provider} {paste ? 'target' : 'device'}
        {count === 1 ? '' : 's'}
      </h3>
      {paste && (
        <div className="field-row">
          <select
            aria-label="Provider"
            data-testid="bulk-provider"
            value={form.provider}
            onChange={(e) => setForm({ provider: e.target.value as Provider, profileId: '' })}
          >
            {PROVIDER_LIST.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {form.file ? (
            <span className="hint" data-testid="bulk-file-summary">
              {form.file.name}: {form.file.targets.length.toLocaleString()} targets{' '}
              <button type="button" onClick={() => setForm({ file: null })}>
                Clear
              </button>
            </span>
          ) : (
            <textarea
              aria-label="Targets, one per line"
              data-testid="bulk-targets"
              placeholder="One token, registration id, channel URI or subscription per line"
              rows={4}
              value={form.pasted}
              onChange={(e) => setForm({ pasted: e.target.value })}
            />
          )}
          {/* A big list pastes slowly into a text box (Chromium lays out every line); a file is read as a list. */}
          <FileButton accept=".txt,text/plain" testId="bulk-file" onFile={loadFile}>
            Load from file…
          </FileButton>
        </div>
      )}
      <p className="hint">
        The message is the {provider} payload in Compose; use {'{{device.<field>}}'} for per-device values.
      </p>
      <div className="field-row">
        <select
          aria-label="Profile"
          data-testid="bulk-profile"
          value={profile?.id ?? ''}
          onChange={(e) => setForm({ profileId: e.target.value })}
        >
          <option value="">Profile…</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {profileLabel(p)}
            </option>
          ))}
        </select>
        <input
          aria-label="Concurrency"
          placeholder="Concurrency (auto)"
          value={form.concurrency}
          onChange={(e) => setForm({ concurrency: e.target.value.replace(/\D/g, '') })}
        />
        <button
          type="button"
          className="primary"
          data-testid="bulk-start"
          disabled={!profile || !!running || count === 0}
          onClick={() => (profile && asksBeforeSending(profile) ? setConfirming(true) : start())}
        >
          {paste ? 'Send to all' : `Send to ${count.toLocaleString()} selected`}
        </button>
      </div>
      <ErrorLine error={bulk.error} />
      {confirming && profile && (
        <ProductionConfirmDialog
          count={count}
          profile={profile}
          onConfirm={start}
          onClose={() => setConfirming(false)}
        />
      )}
      <BulkRunView />
    </section>
  );
}

/** The sandbox's profiles already name their environment ("Sandbox apns (local)"). */
function profileLabel(profile: { name: string; environment: string }): string {
  const suffix = `(${profile.environment})`;
  return profile.name.endsWith(suffix) ? profile.name : `${profile.name} ${suffix}`;
}
