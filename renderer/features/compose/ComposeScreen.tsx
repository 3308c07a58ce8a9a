import { useEffect, useMemo, useRef, useState } from 'react';
import { locateJsonPointer } from '../../../shared/json/locate';
import type { SendRequest } from '../../../shared/domain/send-request';
import { asksBeforeSending } from '../../../shared/domain/profile';
import { applyPreflightFix, INSTALLATION_ID_PLACEHOLDER } from '../../../shared/preflight/fixes';
import { hasBlockingIssue, type PreflightIssue } from '../../../shared/preflight/types';
import { useComposer, useCurrentDraft } from '../../state/composer';
import { useComposerHandoff } from '../../state/composer-handoff';
import { useExchangeFocus } from '../../state/exchange-focus';
import { useNavigation } from '../../state/navigation';
import { useAnnouncements } from '../../state/announcements';
import { SHORTCUT_MOD } from '../../state/commands';
import { useProfiles } from '../../state/profiles';
import { useSend } from '../../state/send';
import { providerSpec } from '../../../shared/providers';
import type { ApnsPushType } from '../../../shared/providers/apns/push-types';
import { fcmLiveActivityToken } from '../../../shared/providers/fcm/live-activity';
import { PayloadEditor } from './editor/PayloadEditor';
import type { EditorHandle } from './editor/editor-types';
import { OptionsForm } from './OptionsForm';
import { PreflightList } from './PreflightList';
import { PresetMenu } from './PresetMenu';
import { PROVIDER_PANEL_ID, ProviderTabs, providerTabId } from './ProviderTabs';
import { SendAnywayDialog } from './SendAnywayDialog';
import { ProductionConfirmDialog } from './ProductionConfirmDialog';
import { ContractButton } from './live-activity/ContractButton';
import { useComposeCommands } from './compose-commands';
import { Preview } from './previews/Preview';
import { ProfileBar } from './ProfileBar';
import { ResultPanel } from './ResultPanel';
import { SizeMeter } from './SizeMeter';
import { pickedDevice, TargetInput } from './TargetInput';
import { TemplateMenu } from './TemplateMenu';
import { templateDraft } from './template-draft';
import { composerReady, untilComposerReady } from './composer-ready';
import { SimulatorFileDialog } from './SimulatorFileDialog';
import { SaveFromComposer } from '../collections/SaveFromComposer';
import './compose.css';

export function ComposeScreen() {
  const { loaded, provider, load, setProvider, update, replace } = useComposer();
  const draft = useCurrentDraft();
  const profiles = useProfiles();
  const send = useSend();
  const go = useNavigation((state) => state.go);
  const focusExchange = useExchangeFocus((state) => state.focus);
  const editor = useRef<EditorHandle | null>(null);
  const [fixError, setFixError] = useState<string | null>(null);
  const [tabMovesFocus, setTabMovesFocus] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [confirmingProduction, setConfirmingProduction] = useState(false);
  const [simulatorOpen, setSimulatorOpen] = useState(false);
  // Why the last Ctrl+Enter did not send; a send asked for before the checks were in waits here.
  const [refusal, setRefusal] = useState<{ text: string; about: SendRequest } | null>(null);
  const [queued, setQueued] = useState(false);

  useEffect(() => {
    // "Open in composer" from History: its request replaces that provider's draft once loaded.
    const handed = useComposerHandoff.getState().take();
    void Promise.all([load(), profiles.load()]).then(() => {
      if (!handed) return;
      const match = useProfiles
        .getState()
        .profiles.find((p) => p.credentialId === handed.credential && p.provider === handed.provider);
      replace(handed.provider, {
        target: handed.target,
        options: handed.options as Record<string, unknown>,
        payload: handed.payload,
        ...(match ? { profileId: match.id } : {}),
      });
    });
    // Load once when the screen opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const profile = profiles.profiles.find((p) => p.id === draft.profileId && p.provider === provider) ?? null;
  const request = useMemo(
    () =>
      ({
        provider,
        credential: profile?.credentialId ?? '(none)',
        environment: profile?.environment ?? 'local',
        target: draft.target,
        options: { ...(profile?.defaults ?? {}), ...draft.options },
        payload: draft.payload,
      }) as SendRequest,
    [provider, profile, draft.target, draft.options, draft.payload],
  );

  const runPreflight = send.preflight;
  useEffect(() => {
    if (loaded) runPreflight(request);
  }, [loaded, request, runPreflight]);

  // Without a preflight answer the send would be refused for the same reason: block it here.
  const blocked = hasBlockingIssue(send.issues) || send.preflightError !== null;
  const sending = send.sendId !== null;
  const canSend = profile !== null && !blocked && !sending;
  const spec = providerSpec(provider);
  const errors = send.issues.filter((issue) => issue.severity === 'error');
  const whyNotSend = sending
    ? 'a send is running.'
    : !profile
      ? `choose or create a ${spec.label} profile first.`
      : send.preflightError
        ? `preflight could not check it: ${send.preflightError.message}`
        : errors.length > 0
          ? `preflight found ${errors.length === 1 ? 'an error' : `${errors.length} errors`}: ${errors[0]!.message}. Fix it, or use Send anyway.`
          : null;
  const canSendAnyway = profile !== null && !sending && errors.length > 0 && send.preflightError === null;

  const attempt = () => {
    if (sending) return;
    if (canSend) {
      setRefusal(null);
      if (profile && asksBeforeSending(profile)) setConfirmingProduction(true);
      else void send.send(request);
      return;
    }
    const why = `Not sent: ${whyNotSend ?? 'the composer is not ready.'}`;
    setRefusal({ text: why, about: request });
    useAnnouncements.getState().announce(why);
  };
  const latestAttempt = useRef(attempt);
  useEffect(() => {
    latestAttempt.current = attempt;
  });
  // Right after opening the screen the draft, profiles or preflight may still be on their way:
  // the send waits for them (then sends or says why) instead of being dropped without a word.
  const submit = () => {
    if (composerReady()) return attempt();
    if (queued) return;
    setQueued(true);
    void untilComposerReady().then(() => {
      setQueued(false);
      // After React has drawn the answer, so the attempt sees this draft's preflight.
      setTimeout(() => latestAttempt.current(), 0);
    });
  };

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        submit();
      } else if (event.key === 'Escape' && sending) {
        void send.cancel();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const jump = (issue: PreflightIssue) => {
    if (!issue.path) return;
    if (issue.at) {
      editor.current?.revealOffset(issue.at.offset);
    } else if (issue.path === 'payload') {
      editor.current?.focus();
    } else if (issue.path.startsWith('/')) {
      const offset = locateJsonPointer(draft.payload, issue.path);
      if (offset !== null) editor.current?.revealOffset(offset);
    } else {
      document.getElementById(`opt-${issue.path.replace(/^options\./, '').replace(/\./g, '-')}`)?.focus();
    }
  };

  const fix = (issue: PreflightIssue) => {
    if (!issue.fix) return;
    const options = request.options as Record<string, unknown>;
    const applied = applyPreflightFix(issue.fix.id, {
      payload: draft.payload,
      options,
      target: draft.target,
    });
    if (!applied.ok) {
      setFixError(applied.message);
      return;
    }
    setFixError(null);
    // Only what the fix changed goes into the draft; profile defaults stay the profile's.
    const changed = Object.entries(applied.draft.options).filter(([key, value]) => options[key] !== value);
    update({
      payload: applied.draft.payload,
      target: applied.draft.target,
      options: { ...draft.options, ...Object.fromEntries(changed) },
    });
    // The fixed finding and its button disappear: keep the keyboard where the change was made.
    if (applied.draft.target !== draft.target) focusTarget(applied.draft.target);
    else if (changed.length > 0 && issue.path?.startsWith('options.')) jump(issue);
    else editor.current?.focus();
  };

  const selectProvider = (next: typeof provider) => {
    send.clearResult();
    setFixError(null);
    setProvider(next);
  };
  useComposeCommands({
    whyNotSend,
    canSendAnyway,
    send: submit,
    sendAnyway: () => setConfirming(true),
    selectProvider,
    toggleTabMovesFocus: () => editor.current?.toggleTabMovesFocus(),
    focusPayload: () => editor.current?.focus(),
    focusTarget: () => document.getElementById('target-input')?.focus(),
    exportSimulatorFile: provider === 'apns' ? () => setSimulatorOpen(true) : null,
  });

  const reading = spec.payloadSize(draft.payload, request.options, draft.target);
  const language = spec.payloadLanguage(request.options);

  return (
    <div className="compose" data-testid="compose">
      <h1 className="sr-only">Compose</h1>
      <ProviderTabs provider={provider} onSelect={selectProvider} />
      <div
        className="compose-panel"
        role="tabpanel"
        id={PROVIDER_PANEL_ID}
        aria-labelledby={providerTabId(provider)}
        data-testid="provider-panel"
      >
        <div className="compose-top">
          <ProfileBar provider={provider} profileId={draft.profileId} onSelect={(profileId) => update({ profileId })} />
          <TargetInput
            provider={provider}
            value={draft.target}
            liveActivityPayload={
              request.provider === 'apns' && request.options.pushType === 'liveactivity' ? draft.payload : null
            }
            onChange={(target) => update({ target })}
            onPick={(device) => update(pickedDevice(device, draft.options))}
          />
        </div>
        <div className="compose-body">
          <div className="compose-main">
            <div className="payload-toolbar">
              <TemplateMenu
                provider={provider}
                dirty={isDirty(provider, draft.payload)}
                onPick={(template) => replace(provider, templateDraft(provider, template, profile?.defaults))}
              />
              <PresetMenu
                provider={provider}
                current={draft}
                onLoad={(preset) => replace(provider, { options: preset.options, payload: preset.payload })}
              />
              {language === 'json' && (
                <>
                  <button
                    type="button"
                    data-testid="payload-format"
                    onClick={() => update({ payload: reformat(draft.payload, 2) })}
                  >
                    Format
                  </button>
                  <button
                    type="button"
                    data-testid="payload-minify"
                    onClick={() => update({ payload: reformat(draft.payload, 0) })}
                  >
                    Minify
                  </button>
                </>
              )}
              {provider === 'apns' && (
                <button type="button" data-testid="payload-simulator" onClick={() => setSimulatorOpen(true)}>
                  Simulator file…
                </button>
              )}
              {((request.provider === 'apns' && request.options.pushType === 'liveactivity') ||
                (request.provider === 'fcm' && fcmLiveActivityToken(draft.payload) !== null)) && (
                <ContractButton payload={draft.payload} onChanged={() => runPreflight({ ...request })} />
              )}
              <span className="spacer" />
              <SizeMeter reading={reading} />
            </div>
            <div className="payload-editor">
              <PayloadEditor
                value={draft.payload}
                language={language}
                schema={language === 'json' ? spec.payloadJsonSchema(request.options) : undefined}
                modelUri={`inmemory://push-console/${provider}.${language === 'xml' ? 'xml' : 'json'}`}
                ariaLabel="Payload"
                onChange={(payload) => update({ payload })}
                onSubmit={submit}
                onReady={(handle) => (editor.current = handle)}
                onTabMovesFocus={setTabMovesFocus}
              />
            </div>
            <p className="editor-status hint" data-testid="editor-tab-mode">
              {tabMovesFocus
                ? `Tab moves to the next control · ${SHORTCUT_MOD}M to make Tab indent`
                : `Tab indents in the editor · ${SHORTCUT_MOD}M to make Tab move on`}
            </p>
            <PreflightList
              issues={send.issues}
              error={send.preflightError}
              fixError={fixError}
              onJump={jump}
              onFix={fix}
            />
            <OptionsForm provider={provider} options={draft.options} onChange={(options) => update({ options })} />
          </div>
          <aside className="compose-side">
            <div className="send-row">
              <button
                type="button"
                className="primary send-button"
                data-testid="send"
                disabled={!canSend}
                onClick={submit}
              >
                {sending ? 'Sending…' : 'Send'} <kbd>Ctrl+Enter</kbd>
              </button>
              {canSendAnyway && (
                <button type="button" data-testid="send-anyway" onClick={() => setConfirming(true)}>
                  Send anyway…
                </button>
              )}
              <SaveFromComposer request={request} profile={profile} />
              {!profile && <span className="hint">Choose or create a profile to send.</span>}
              {profile && blocked && <span className="hint">Fix the preflight errors to send.</span>}
              {queued && (
                <span className="hint" role="status" data-testid="send-queued">
                  Checking before sending…
                </span>
              )}
              {refusal?.about === request && (
                <p className="field-error" role="status" data-testid="send-refusal">
                  {refusal.text}
                </p>
              )}
            </div>
            <ResultPanel
              result={send.result}
              error={send.error}
              sending={sending}
              onCancel={() => void send.cancel()}
              onOpenExchange={(id) => {
                focusExchange(id);
                go('exchanges');
              }}
            />
            <Preview provider={provider} payload={draft.payload} options={request.options} />
          </aside>
        </div>
      </div>
      {confirmingProduction && profile && (
        <ProductionConfirmDialog
          count={1}
          profile={profile}
          onConfirm={() => void send.send(request)}
          onClose={() => setConfirmingProduction(false)}
        />
      )}
      {simulatorOpen && provider === 'apns' && (
        <SimulatorFileDialog
          payload={draft.payload}
          pushType={(request.options as { pushType?: ApnsPushType }).pushType ?? 'alert'}
          topic={String((request.options as { topic?: unknown }).topic ?? '')}
          onClose={() => setSimulatorOpen(false)}
        />
      )}
      {confirming && (
        <SendAnywayDialog
          errors={errors}
          providerLabel={spec.label}
          onConfirm={() => {
            setRefusal(null);
            void send.send(request, { ignorePreflight: true });
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

/** Edited by hand, as opposed to a starter or template payload that can be replaced freely. */
function isDirty(provider: SendRequest['provider'], payload: string): boolean {
  const spec = providerSpec(provider);
  if (payload === spec.starterDraft.payload) return false;
  return !spec.templates.some((template) => template.payload === payload);
}

/** Focuses the target field with a placeholder id selected, so typing replaces it. */
function focusTarget(target: string): void {
  const input = document.getElementById('target-input') as HTMLInputElement | HTMLTextAreaElement | null;
  input?.focus();
  const at = target.indexOf(INSTALLATION_ID_PLACEHOLDER);
  // After React has put the new value in the field.
  if (at >= 0) setTimeout(() => input?.setSelectionRange(at, at + INSTALLATION_ID_PLACEHOLDER.length), 0);
}

function reformat(text: string, indent: number): string {
  try {
    return JSON.stringify(JSON.parse(text), null, indent);
  } catch {
    return text;
  }
}
