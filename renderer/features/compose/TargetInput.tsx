import type { Provider } from '../../../shared/domain/exchange';
import { detectTarget, targetMismatch } from '../../../shared/targets/detect';

const PLACEHOLDER: Record<Provider, string> = {
  apns: 'Device token (hex)',
  fcm: 'Registration token, /topics/name, or a condition',
  wns: 'Channel URI (https://…notify.windows.com/…)',
  webpush: 'PushSubscription JSON: {"endpoint": …, "keys": {"p256dh": …, "auth": …}}',
  nhub: 'Tag expression (sports && !news), or empty for a broadcast',
};

export function TargetInput({
  provider,
  value,
  onChange,
}: {
  provider: Provider;
  value: string;
  onChange(v: string): void;
}) {
  const found = detectTarget(value);
  const mismatch = targetMismatch(provider, value);
  const multiline = provider === 'webpush';
  return (
    <div className="target">
      <label htmlFor="target-input">Target</label>
      {multiline ? (
        <textarea
          id="target-input"
          data-testid="target-input"
          rows={3}
          spellCheck={false}
          placeholder={PLACEHOLDER[provider]}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id="target-input"
          data-testid="target-input"
          spellCheck={false}
          placeholder={PLACEHOLDER[provider]}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <span className={mismatch ? 'target-kind target-mismatch' : 'target-kind'} data-testid="target-kind">
        {mismatch ?? (found.kind === 'empty' ? '' : found.label)}
      </span>
    </div>
  );
}
