import { useEffect, useState } from 'react';
import { DialogFooter } from '../../components/DialogFooter';
import type { Exchange } from '../../../shared/domain/exchange';
import type { SendResult } from '../../../shared/domain/send-result';
import { call } from '../../bridge';
import { DiagnosisView } from '../../components/DiagnosisView';
import { ModalDialog } from '../../components/ModalDialog';
import { useExchanges } from '../../state/exchanges';
import { copyCurl } from './actions';
import { CopyValue } from './CopyValue';
import { DecodedTab } from './DecodedTab';
import { MessageTab } from './MessageTab';
import { TimelineTab } from './TimelineTab';
import { TlsTab } from './TlsTab';

const TABS = [
  { id: 'timeline', label: 'Timeline' },
  { id: 'request', label: 'Request' },
  { id: 'response', label: 'Response' },
  { id: 'decoded', label: 'Decoded' },
  { id: 'tls', label: 'TLS' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** One exchange: tabs plus copy-as-curl; "with secrets" only after a confirmation, never persisted. */
export function ExchangeDetail({ exchange }: { exchange: Exchange }) {
  const [tab, setTab] = useState<TabId>('timeline');
  const [confirming, setConfirming] = useState(false);
  // Keyed by exchange id, so a stale lookup never shows against another exchange.
  const [found, setFound] = useState<{ exchangeId: string; send: SendResult } | null>(null);
  const result = found?.exchangeId === exchange.id ? found.send : null;
  const { setNotice, fail } = useExchanges.getState();

  // The send this exchange belongs to carries the decoded details (NH outcome, WNS status, FCM
  // violations) and the diagnosis.
  useEffect(() => {
    let live = true;
    if (exchange.purpose !== 'send') return;
    call('history.list', { filter: { text: exchange.id }, limit: 1 })
      .then((page) => {
        const send = page.items.find((item) => item.exchangeIds.includes(exchange.id));
        if (live && send) setFound({ exchangeId: exchange.id, send });
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [exchange.id, exchange.purpose]);

  const copy = async (confirmedSecrets: boolean) => {
    setConfirming(false);
    try {
      setNotice(await copyCurl(exchange.id, confirmedSecrets));
    } catch (error) {
      fail(error);
    }
  };

  // The exchange belongs to a send; the send holds the request to repeat (same profile and target).
  const resend = async () => {
    try {
      const send = result;
      if (!send) {
        setNotice('This exchange is not part of a recorded send, so there is nothing to resend.');
        return;
      }
      const again = (await call('history.resend', { id: send.id })).result;
      setNotice(
        `Sent again: ${again.outcome}${again.status ? ` ${again.status}` : ''}${again.reason ? ` ${again.reason}` : ''}.`,
      );
    } catch (error) {
      fail(error);
    }
  };

  return (
    <section className="exchange-detail" data-testid="exchange-detail" aria-label="Exchange">
      <header className="exchange-detail-head">
        <strong className="mono exchange-detail-url" data-testid="detail-title">
          {exchange.method} {exchange.url}
        </strong>
        <CopyValue value={exchange.url} label="URL" />
        <span data-testid="detail-status">{exchange.status ?? exchange.error?.code ?? 'no response'}</span>
        {exchange.purpose === 'auth' && (
          <span className="purpose-badge" title="A token fetch made on the way to a send">
            token fetch
          </span>
        )}
        <button type="button" data-testid="copy-curl" onClick={() => void copy(false)}>
          Copy as curl
        </button>
        <button type="button" data-testid="copy-curl-secrets" onClick={() => setConfirming(true)}>
          Copy with secrets…
        </button>
        {exchange.purpose === 'send' && (
          <button type="button" data-testid="resend" onClick={() => void resend()}>
            Resend
          </button>
        )}
      </header>
      {confirming && (
        <ModalDialog
          title="Copy with secrets?"
          alert
          testId="curl-secrets-confirm"
          onClose={() => setConfirming(false)}
        >
          <p data-testid="curl-secrets-warning">
            This command contains live secrets: the authorization as sent (token, key or signature). It goes to the
            clipboard only and is never saved. Anyone who sees it can send as you until it expires.
          </p>
          <DialogFooter
            cancelTestId="curl-secrets-cancel"
            onCancel={() => setConfirming(false)}
            primary="Copy with secrets"
            primaryTestId="curl-secrets-ok"
            onPrimary={() => void copy(true)}
          />
        </ModalDialog>
      )}
      {result?.diagnosis && <DiagnosisView diagnosis={result.diagnosis} testId="exchange-diagnosis" />}
      <div role="tablist" className="provider-tabs" aria-label="Exchange detail">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'provider-tab active' : 'provider-tab'}
            data-testid={`tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="exchange-tabpanel">
        {tab === 'timeline' && <TimelineTab exchange={exchange} />}
        {tab === 'request' && <MessageTab exchange={exchange} side="request" />}
        {tab === 'response' && <MessageTab exchange={exchange} side="response" />}
        {tab === 'decoded' && <DecodedTab exchange={exchange} result={result} />}
        {tab === 'tls' && <TlsTab exchange={exchange} />}
      </div>
    </section>
  );
}
