import { useState } from 'react';
import { useEmulators } from '../../state/emulators';

/** Add a fault: an answer with a status and reason, a delay, a stream reset, a dropped connection, or a GOAWAY. */
export function FaultForm() {
  const addFault = useEmulators((state) => state.addFault);
  const [kind, setKind] = useState<'status' | 'delay' | 'reset' | 'drop' | 'goaway'>('status');
  const [status, setStatus] = useState('503');
  const [reason, setReason] = useState('');
  const [retryAfter, setRetryAfter] = useState('');
  const [ms, setMs] = useState('1000');
  const [probability, setProbability] = useState('1');
  const [times, setTimes] = useState('');
  const [device, setDevice] = useState('');

  function submit() {
    const action =
      kind === 'status'
        ? {
            kind,
            status: Number(status),
            ...(reason ? { reason } : {}),
            ...(retryAfter ? { retryAfterSeconds: Number(retryAfter) } : {}),
          }
        : kind === 'delay'
          ? { kind, ms: Number(ms) }
          : kind === 'goaway'
            ? { kind, ...(reason ? { reason } : {}) }
            : kind === 'drop'
              ? { kind: 'reset' as const, scope: 'connection' as const }
              : { kind };
    void addFault({
      match: device ? { device } : {},
      action,
      probability: Number(probability),
      ...(times ? { times: Number(times) } : {}),
    } as Parameters<typeof addFault>[0]);
  }

  return (
    <form
      className="fault-form field-row"
      data-testid="fault-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <select
        aria-label="Fault kind"
        data-testid="fault-kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as typeof kind)}
      >
        <option value="status">Answer with status</option>
        <option value="delay">Delay</option>
        <option value="reset">Reset the stream</option>
        <option value="drop">Drop the connection</option>
        <option value="goaway">GOAWAY</option>
      </select>
      {kind === 'status' && (
        <>
          <LabelledInput
            label="Status"
            name="Status"
            testId="fault-status"
            size={4}
            value={status}
            onChange={setStatus}
          />
          <input
            aria-label="Retry-After seconds"
            placeholder="Retry-After s"
            size={8}
            value={retryAfter}
            onChange={(e) => setRetryAfter(e.target.value)}
          />
        </>
      )}
      {(kind === 'status' || kind === 'goaway') && (
        <input
          aria-label="Reason"
          data-testid="fault-reason"
          placeholder="Reason (e.g. TooManyRequests)"
          size={30}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
      {kind === 'delay' && <LabelledInput label="Delay (ms)" name="Delay ms" size={6} value={ms} onChange={setMs} />}
      <LabelledInput
        label="Share (0–1)"
        name="Probability"
        title="Share of requests, 0 to 1"
        size={4}
        value={probability}
        onChange={setProbability}
      />
      <input
        aria-label="Times"
        placeholder="times (∞)"
        size={6}
        value={times}
        onChange={(e) => setTimes(e.target.value)}
      />
      <input
        aria-label="Only this device"
        placeholder="device (all)"
        value={device}
        onChange={(e) => setDevice(e.target.value)}
      />
      <button type="submit" data-testid="fault-add">
        Add fault
      </button>
    </form>
  );
}

/** A short field with its name shown beside it (a bare "503" or "1" says nothing). */
function LabelledInput(props: {
  label: string;
  name: string;
  size: number;
  value: string;
  onChange: (value: string) => void;
  title?: string;
  testId?: string;
}) {
  return (
    <label className="fault-field">
      <span>{props.label}</span>
      <input
        aria-label={props.name}
        data-testid={props.testId}
        title={props.title}
        size={props.size}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
