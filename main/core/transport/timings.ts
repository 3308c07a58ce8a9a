import type { Timings } from '../../../shared/domain/exchange';
import type { Capture } from './recorder';

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/**
 * Phase durations from the capture's marks. dns/connect/tls belong to the exchange that opened
 * the connection; a reused connection reports -1 for them. `blocked` is time spent queued
 * (waiting for a free HTTP/2 stream slot or HTTP/1.1 connection) before connecting or sending.
 */
export function phaseTimings(capture: Capture): Timings {
  const { tStart, tDispatch, tSent, tHeaders, tEnd, connection } = capture;
  const fresh = connection !== null && !capture.reused;
  const setup = fresh ? Math.max(0, connection.dns) + Math.max(0, connection.connect) + Math.max(0, connection.tls) : 0;
  const end = tEnd >= 0 ? tEnd : performance.now();
  const span = (from: number, to: number): number => (from >= 0 && to >= 0 ? round(Math.max(0, to - from)) : -1);
  return {
    blocked: tDispatch >= 0 ? round(Math.max(0, tDispatch - tStart - setup)) : round(end - tStart),
    dns: fresh ? round(connection.dns) : -1,
    connect: fresh ? round(connection.connect) : -1,
    tls: fresh ? round(connection.tls) : -1,
    send: span(tDispatch, tSent),
    ttfb: span(tSent, tHeaders),
    download: span(tHeaders, tEnd),
    total: round(end - tStart),
  };
}
