import { formatBytes } from '../../../shared/preflight/types';
import type { SizeReading } from '../../../shared/providers/spec';

export function SizeMeter({ reading }: { reading: SizeReading }) {
  const ratio = reading.limit > 0 ? reading.bytes / reading.limit : 0;
  const level = ratio > 1 ? 'over' : ratio > 0.9 ? 'near' : 'ok';
  return (
    <div className={`size-meter size-${level}`} data-testid="size-meter" title={reading.label}>
      <div className="size-bar" aria-hidden="true">
        <div className="size-fill" style={{ width: `${Math.min(100, ratio * 100)}%` }} />
      </div>
      <span>
        {formatBytes(reading.bytes)} / {formatBytes(reading.limit)} bytes
      </span>
    </div>
  );
}
