import { useRef, type KeyboardEvent } from 'react';
import { SHORTCUT_MOD } from '../state/commands';
import { SECTIONS, useNavigation } from '../state/navigation';

/** Section list: arrow keys move between sections, Ctrl/Cmd+1…9 jump from anywhere. */
export function Sidebar() {
  const { section, go } = useNavigation();
  const refs = useRef<Array<HTMLButtonElement | null>>([]);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const delta = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const next = (index + delta + SECTIONS.length) % SECTIONS.length;
    go(SECTIONS[next]!.id);
    refs.current[next]?.focus();
  }

  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">◆</span> Push Console
      </div>
      <ul role="tablist" aria-orientation="vertical">
        {SECTIONS.map((item, index) => (
          <li key={item.id} role="presentation">
            <button
              ref={(element) => {
                refs.current[index] = element;
              }}
              role="tab"
              aria-selected={section === item.id}
              tabIndex={section === item.id ? 0 : -1}
              data-testid={`nav-${item.id}`}
              className={section === item.id ? 'nav-item active' : 'nav-item'}
              onClick={() => go(item.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <span>{item.label}</span>
              <kbd>
                {SHORTCUT_MOD}
                {item.key}
              </kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
