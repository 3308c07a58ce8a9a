import type { Exchange } from '../../../shared/domain/exchange';

export type PhaseId = 'queue' | 'dns' | 'connect' | 'tls' | 'request' | 'wait' | 'download';

export interface Phase {
  id: PhaseId;
  label: string;
  /** Milliseconds, or null when the phase has no time: `why` says whether it did not happen or was not measured. */
  ms: number | null;
  why: string;
}

export function formatMs(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString()} ms`;
}

/**
 * The network-panel phases of one exchange from its recorded timings. The transport records -1
 * for a phase that did not happen and leaves `blocked` out on exchanges recorded before it was
 * measured; neither is ever drawn as a time.
 */
export function phasesOf(exchange: Exchange): Phase[] {
  const t = exchange.timings;
  const reused = exchange.connectionReused;
  const setup = (value: number, what: string): Pick<Phase, 'ms' | 'why'> => {
    if (value >= 0) return { ms: value, why: '' };
    if (reused) return { ms: null, why: `none: reused connection #${exchange.connectionId}` };
    if (what === 'tls' && exchange.tls === null) return { ms: null, why: 'none: plain HTTP' };
    if (what === 'dns' && t.connect >= 0) return { ms: null, why: 'none: the host is an IP address' };
    return { ms: null, why: 'not reached' };
  };
  const after = (value: number): Pick<Phase, 'ms' | 'why'> =>
    value >= 0 ? { ms: value, why: '' } : { ms: null, why: exchange.error ? 'not reached (failed)' : 'not reached' };
  return [
    {
      id: 'queue',
      label: 'Queue',
      ...(t.blocked === undefined ? { ms: null, why: 'not measured on this exchange' } : { ms: t.blocked, why: '' }),
    },
    { id: 'dns', label: 'DNS lookup', ...setup(t.dns, 'dns') },
    { id: 'connect', label: 'TCP connect', ...setup(t.connect, 'connect') },
    { id: 'tls', label: 'TLS handshake', ...setup(t.tls, 'tls') },
    { id: 'request', label: 'Request sent', ...after(t.send) },
    { id: 'wait', label: 'Waiting (to first byte)', ...after(t.ttfb) },
    { id: 'download', label: 'Download', ...after(t.download) },
  ];
}

/** One bar of the exchange's phases in order, each as wide as its share of the total, with a legend. */
export function Waterfall({ exchange }: { exchange: Exchange }) {
  const phases = phasesOf(exchange);
  const sum = phases.reduce((total, phase) => total + (phase.ms ?? 0), 0);
  const span = Math.max(sum, exchange.timings.total, 0.001);
  // Each drawn phase starts where the measured ones before it end.
  const lefts: number[] = [];
  phases.reduce((offset, phase) => {
    lefts.push(offset);
    return offset + (phase.ms ?? 0);
  }, 0);
  const summary = phases
    .filter((phase) => phase.ms !== null)
    .map((phase) => `${phase.label} ${formatMs(phase.ms!)}`)
    .join(', ');
  return (
    <section className="waterfall" data-testid="waterfall" aria-label="Waterfall">
      <div className="waterfall-bar" role="img" aria-label={`Total ${formatMs(exchange.timings.total)}: ${summary}`}>
        {phases.map((phase, index) => {
          if (phase.ms === null) return null;
          const left = (lefts[index]! / span) * 100;
          return (
            <span
              key={phase.id}
              className={`waterfall-segment phase-${phase.id}`}
              data-testid={`waterfall-segment-${phase.id}`}
              data-ms={phase.ms}
              style={{ left: `${left}%`, width: `${(phase.ms / span) * 100}%` }}
              title={`${phase.label}: ${formatMs(phase.ms)}`}
            />
          );
        })}
      </div>
      <ol className="waterfall-legend">
        {phases.map((phase) => (
          <li key={phase.id} data-testid={`waterfall-phase-${phase.id}`} data-measured={phase.ms !== null}>
            <span className={`waterfall-swatch phase-${phase.id}`} aria-hidden="true" />
            <span className="waterfall-label">{phase.label}</span>
            <span className="mono waterfall-time">{phase.ms === null ? phase.why : formatMs(phase.ms)}</span>
          </li>
        ))}
        <li data-testid="waterfall-total">
          <span className="waterfall-swatch" aria-hidden="true" />
          <strong className="waterfall-label">Total</strong>
          <strong className="mono waterfall-time">{formatMs(exchange.timings.total)}</strong>
        </li>
      </ol>
    </section>
  );
}
