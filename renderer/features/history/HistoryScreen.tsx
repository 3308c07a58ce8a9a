import { useEffect, useRef, useState } from 'react';
import { formatTime } from '../../../shared/time-format';
import { AgainstPreflight } from '../../components/AgainstPreflight';
import { ErrorLine } from '../../components/ErrorLine';
import { TargetNameView, useTargetNamer } from '../../components/TargetName';
import { useComposerHandoff } from '../../state/composer-handoff';
import { useExchangeFocus } from '../../state/exchange-focus';
import { useHistory } from '../../state/history';
import { useNavigation } from '../../state/navigation';
import { downloadText, harFileName } from '../exchanges/actions';
import { SaveToCollectionDialog } from '../collections/SaveToCollectionDialog';
import { groupByDay } from './groups';
import './history.css';

/** Past sends grouped by day, searchable; each can be opened, sent again, or edited in the composer. */
export function HistoryScreen() {
  const state = useHistory();
  const go = useNavigation((nav) => nav.go);
  const hand = useComposerHandoff((handoff) => handoff.hand);
  const focusExchange = useExchangeFocus((focus) => focus.focus);
  const [text, setText] = useState(state.text);
  const nameOf = useTargetNamer();
  const search = useRef<HTMLInputElement | null>(null);
  const [saving, setSaving] = useState<string | null>(null);

  useEffect(() => {
    void useHistory.getState().load();
    void useHistory.getState().loadSettings();
    return useHistory.getState().listen();
  }, []);

  // Search as you type, without a call per keystroke.
  useEffect(() => {
    if (text === useHistory.getState().text) return;
    const timer = setTimeout(() => void useHistory.getState().search(text), 200);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const download = (text: string | null) => {
    if (text !== null) downloadText(harFileName(), text);
  };

  const selected = state.selected;
  return (
    <div className="history" data-testid="history">
      <h1 className="sr-only">History</h1>
      <div className="toolbar">
        <input
          ref={search}
          type="search"
          placeholder="Search sends (Ctrl+F)"
          title="Search sends by target, reason or id (Ctrl+F)"
          aria-label="Search history"
          data-testid="history-search"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <label className="history-cap">
          Keep up to{' '}
          <input
            type="number"
            min={1}
            step={50}
            aria-label="History size limit in MB"
            data-testid="history-max-mb"
            key={state.maxMegabytes ?? 'loading'}
            defaultValue={state.maxMegabytes ?? ''}
            onBlur={(event) => {
              const value = Number(event.target.value);
              if (Number.isInteger(value) && value >= 1 && value !== state.maxMegabytes) void state.saveSettings(value);
            }}
          />{' '}
          MB
        </label>
        <button
          type="button"
          data-testid="history-export-har"
          disabled={state.total === 0}
          title="The sends shown (the search applies) with their exchanges, as HAR (redacted)"
          onClick={() => void state.exportHar(state.text.trim() ? { filter: { text: state.text } } : {}).then(download)}
        >
          Export HAR
        </button>
        <span className="hint" data-testid="history-count">
          {state.total.toLocaleString()} send{state.total === 1 ? '' : 's'}
        </span>
      </div>
      {state.writeError && (
        <div className="field-error" role="alert" data-testid="history-write-error">
          {state.writeError}
        </div>
      )}
      <ErrorLine error={state.error} testId="history-error" />
      {state.notice && (
        <p className="hint" data-testid="history-notice">
          {state.notice}
        </p>
      )}
      <div className="history-body">
        <div className="history-list" data-testid="history-list">
          {state.sends.length === 0 && !state.busy && (
            <p className="hint" data-testid="history-empty">
              {state.text ? 'No sends match.' : 'No sends yet. Everything you send is kept here.'}
            </p>
          )}
          {groupByDay(state.sends).map(({ group, items }) => (
            <section key={group} data-testid={`history-group-${group.toLowerCase()}`}>
              <h3>{group}</h3>
              <ul>
                {items.map((send) => (
                  <li key={send.id}>
                    <button
                      type="button"
                      className={`history-item outcome-${send.outcome}${selected?.result.id === send.id ? ' selected' : ''}`}
                      data-testid="history-item"
                      data-send-id={send.id}
                      onClick={() => void state.open(send.id)}
                    >
                      <span className="mono">{formatTime(send.startedAt)}</span>
                      <span>{send.provider}</span>
                      <TargetNameView name={nameOf(send.provider, send.target, send)} />
                      <span>
                        {send.outcome} {send.status ?? ''} {send.reason ?? ''}
                      </span>
                      {send.sentAgainstPreflight && (
                        <span className="history-against" title="Sent against preflight (Send anyway)">
                          ⚠ against preflight
                        </span>
                      )}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {state.nextCursor !== null && (
            <button type="button" data-testid="history-more" onClick={() => void state.loadMore()}>
              Load older sends
            </button>
          )}
        </div>
        <div className="history-detail">
          {selected ? (
            <section data-testid="history-detail">
              <h3>
                {selected.result.provider} →{' '}
                <TargetNameView
                  name={nameOf(selected.result.provider, selected.result.target, {
                    credentialId: selected.request?.credential ?? null,
                    environment: selected.request?.environment ?? null,
                  })}
                />
              </h3>
              <p data-testid="history-detail-outcome">
                <strong>{selected.result.outcome}</strong> {selected.result.status ?? 'no response'}{' '}
                {selected.result.reason && <code>{selected.result.reason}</code>}
              </p>
              <AgainstPreflight
                issues={selected.result.sentAgainstPreflight}
                testId="history-detail-against-preflight"
              />
              {selected.result.explanation && <p>{selected.result.explanation}</p>}
              {selected.result.hint && <p className="hint">{selected.result.hint}</p>}
              <div className="toolbar">
                <button
                  type="button"
                  className="primary"
                  data-testid="history-resend"
                  disabled={!selected.request || state.busy}
                  title={selected.request ? undefined : 'No saved request for this send'}
                  onClick={() => void state.resend(selected.result.id)}
                >
                  Send again
                </button>
                <button
                  type="button"
                  data-testid="history-open-composer"
                  disabled={!selected.request}
                  onClick={() => {
                    if (!selected.request) return;
                    hand(selected.request, selected.result.id);
                    go('compose');
                  }}
                >
                  Open in composer
                </button>
                <button
                  type="button"
                  data-testid="history-save-collection"
                  disabled={!selected.request}
                  title={selected.request ? undefined : 'No saved request for this send'}
                  onClick={() => setSaving(selected.result.id)}
                >
                  Save as collection request…
                </button>
                <button
                  type="button"
                  data-testid="history-send-har"
                  title="This send and its exchanges as HAR (redacted)"
                  onClick={() => void state.exportHar({ sendId: selected.result.id }).then(download)}
                >
                  Export HAR
                </button>
              </div>
              <p className="hint" data-testid="history-detail-time">
                Sent {formatTime(selected.result.startedAt, { date: true })}
              </p>
              <h4>Exchanges</h4>
              <ul>
                {selected.exchanges.map((exchange) => (
                  <li key={exchange.id}>
                    <button
                      type="button"
                      className="link"
                      data-testid="history-exchange"
                      onClick={() => {
                        focusExchange(exchange.id);
                        go('exchanges');
                      }}
                    >
                      {exchange.purpose} · {exchange.method} {exchange.status ?? exchange.error?.code ?? '—'} ·{' '}
                      {Math.round(exchange.timings.total)} ms
                    </button>
                  </li>
                ))}
              </ul>
              {selected.request && (
                <>
                  <h4>Payload</h4>
                  <pre tabIndex={0} className="mono exchange-raw" data-testid="history-payload">
                    {selected.request.payload}
                  </pre>
                </>
              )}
            </section>
          ) : (
            <p className="hint">Select a send to see its result, exchanges and payload.</p>
          )}
        </div>
      </div>
      {saving && (
        <SaveToCollectionDialog
          source={{ sendId: saving }}
          defaultName={`${selected?.result.provider ?? 'history'} send`}
          onClose={() => setSaving(null)}
        />
      )}
    </div>
  );
}
