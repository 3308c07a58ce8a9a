import type { Exchange } from '../../../shared/domain/exchange';
import { formatMs, Waterfall } from './Waterfall';
import { formatTime } from '../../../shared/time-format';

function ms(value: number | undefined): string {
  return value === undefined || value < 0 ? '—' : formatMs(value);
}

/** Insomnia-style timeline: each phase in order with its time; skipped phases say why. */
export function TimelineTab({ exchange }: { exchange: Exchange }) {
  const t = exchange.timings;
  const reused = exchange.connectionReused;
  const tls = exchange.tls;
  const rows: Array<{ id: string; label: string; time: string; detail: string }> = [
    ...(t.blocked !== undefined && t.blocked > 0
      ? [
          {
            id: 'blocked',
            label: 'Queued',
            time: ms(t.blocked),
            detail: 'Waiting for a free connection or HTTP/2 stream',
          },
        ]
      : []),
    {
      id: 'connection',
      label: 'Connection',
      time: '',
      detail: reused
        ? `Reused connection #${exchange.connectionId}: no DNS, connect or TLS`
        : `New connection #${exchange.connectionId}${exchange.remoteAddress ? ` to ${exchange.remoteAddress}` : ''}`,
    },
    { id: 'dns', label: 'DNS lookup', time: ms(t.dns), detail: reused ? 'skipped (reused)' : '' },
    { id: 'connect', label: 'TCP connect', time: ms(t.connect), detail: reused ? 'skipped (reused)' : '' },
    {
      id: 'tls',
      label: 'TLS handshake',
      time: ms(t.tls),
      detail: tls
        ? [tls.protocol, tls.cipher, tls.alpn ? `ALPN ${tls.alpn}` : null].filter(Boolean).join(' · ')
        : 'no TLS',
    },
    {
      id: 'request-headers',
      label: 'Request headers out',
      time: '',
      detail: `${exchange.method} ${exchange.url} · HTTP/${exchange.httpVersion} · ${exchange.requestHeaders.length} headers`,
    },
    {
      id: 'request-body',
      label: 'Request body out',
      time: ms(t.send),
      detail: exchange.requestBody ? `${exchange.requestBody.size} bytes` : 'no body',
    },
    {
      id: 'response-headers',
      label: 'Response headers in',
      time: ms(t.ttfb),
      detail:
        exchange.status === null
          ? exchange.error
            ? `${exchange.error.code}: ${exchange.error.message}`
            : 'no response'
          : `status ${exchange.status} · ${exchange.responseHeaders.length} headers`,
    },
    {
      id: 'response-body',
      label: 'Response body in',
      time: ms(t.download),
      detail: exchange.responseBody ? `${exchange.responseBody.size} bytes` : 'no body',
    },
    {
      id: 'total',
      label: 'Total',
      time: ms(t.total),
      detail: `started ${formatTime(exchange.startedAt, { date: true })}`,
    },
  ];
  return (
    <div data-testid="timeline">
      <Waterfall exchange={exchange} />
      <table className="table timeline">
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`timeline-${row.id}`}>
              <th scope="row">{row.label}</th>
              <td className="mono timeline-time">{row.time}</td>
              <td>{row.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {exchange.error && (
        <p className="field-error" data-testid="timeline-error">
          {exchange.error.code}
          {exchange.error.http2Code ? ` (${exchange.error.http2Code})` : ''}: {exchange.error.message}
          {exchange.error.goawayReason ? ` — GOAWAY says: ${exchange.error.goawayReason}` : ''}
        </p>
      )}
      {exchange.redactions.length > 0 && (
        <p className="hint" data-testid="timeline-redactions">
          Redacted when recorded: {exchange.redactions.join(', ')}.
        </p>
      )}
    </div>
  );
}
