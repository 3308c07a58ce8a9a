import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { localSettings } from '../../state/local-settings';

interface Props {
  /** Where the first pane's width is remembered (`localSettings`). */
  settingsKey: string;
  initial: number;
  /** Neither pane gets narrower than this. */
  minPane: number;
  first: ReactNode;
  second: ReactNode;
}

const KEY_STEP = 24;

/** Two panes side by side with a draggable (and arrow-key) divider; the first pane's width is kept. */
export function SplitPane({ settingsKey, initial, minPane, first, second }: Props) {
  const box = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(() => localSettings.number(settingsKey, initial));
  // The box's width, so the separator can say its range (ARIA's default of 0–100 would read the width as a percentage).
  const [total, setTotal] = useState(0);
  // Where a drag started (pointer x, width then), so the divider moves with the pointer from where it was grabbed.
  const [drag, setDrag] = useState<{ x: number; width: number } | null>(null);
  const dragging = drag !== null;

  const clamp = useCallback(
    (value: number) => {
      const total = box.current?.clientWidth ?? 0;
      if (total === 0) return value;
      return Math.round(Math.max(minPane, Math.min(total - minPane, value)));
    },
    [minPane],
  );
  const commit = (value: number) => {
    const next = clamp(value);
    setWidth(next);
    localSettings.setNumber(settingsKey, next);
  };

  // A window made narrower than the saved split would push the detail off screen.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      setTotal(element.clientWidth);
      setWidth((current) => clamp(current));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [clamp]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ x: event.clientX, width });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag) setWidth(clamp(drag.width + event.clientX - drag.x));
  };
  const onPointerUp = () => {
    if (!drag) return;
    setDrag(null);
    commit(width);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowLeft') commit(width - KEY_STEP);
    else if (event.key === 'ArrowRight') commit(width + KEY_STEP);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={box}
      className={`split-pane${dragging ? ' dragging' : ''}`}
      style={{ gridTemplateColumns: `${width}px 8px minmax(0, 1fr)` }}
      data-testid="split-pane"
    >
      <div className="split-pane-first">{first}</div>
      <div
        className="split-pane-divider"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize list and detail"
        aria-valuenow={width}
        aria-valuemin={minPane}
        aria-valuemax={Math.max(minPane, total - minPane)}
        aria-valuetext={`List ${width} pixels wide`}
        tabIndex={0}
        data-testid="split-divider"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      >
        {/* Drawn at 3:1 so the divider can be found without hovering it (WCAG 1.4.11). */}
        <span className="split-pane-grip" aria-hidden="true" />
      </div>
      <div className="split-pane-second">{second}</div>
    </div>
  );
}
