import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { DialogFooter } from '../components/DialogFooter';
import { ModalDialog } from '../components/ModalDialog';
import { useAnnouncements } from '../state/announcements';
import { allCommands, filterCommands, useCommands, type Command } from '../state/commands';

/** Ctrl/⌘+K and Ctrl/⌘+Shift+P open the palette from anywhere. */
export function isPaletteKey(event: KeyboardEvent | globalThis.KeyboardEvent): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return false;
  const key = event.key.toLowerCase();
  return (key === 'k' && !event.shiftKey) || (key === 'p' && event.shiftKey);
}

/**
 * Every action and screen the window offers, with its shortcut, filtered as you type; Enter runs
 * the highlighted one (↑/↓ move). A command that cannot run now says why instead.
 */
export function CommandPalette() {
  const open = useCommands((state) => state.paletteOpen);
  const setOpen = useCommands((state) => state.setPaletteOpen);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!isPaletteKey(event)) return;
      event.preventDefault();
      setOpen(!useCommands.getState().paletteOpen);
    };
    // Capture: Monaco and inputs would otherwise keep Ctrl+K for themselves.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [setOpen]);
  return open ? <PaletteDialog onClose={() => setOpen(false)} /> : null;
}

function PaletteDialog({ onClose }: { onClose(): void }) {
  const byOwner = useCommands((state) => state.byOwner);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const listId = useId();
  const shown = useMemo(() => filterCommands(allCommands(byOwner), query), [byOwner, query]);
  const current = shown[Math.min(active, shown.length - 1)];

  const run = (command: Command | undefined) => {
    if (!command) return;
    if (command.disabledReason) {
      setRefusal(`${command.label}: ${command.disabledReason}`);
      return;
    }
    onClose();
    // After the dialog has gone and given focus back, so the command's own focus wins.
    setTimeout(() => command.run(), 0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0 && shown.length > 0) {
      event.preventDefault();
      setActive((index) => (Math.min(index, shown.length - 1) + step + shown.length) % shown.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(current);
    }
  };

  useEffect(() => {
    useAnnouncements.getState().announce(`${shown.length} command${shown.length === 1 ? '' : 's'}`);
  }, [shown.length]);

  return (
    <ModalDialog title="Commands" testId="command-palette" onClose={onClose}>
      <input
        type="text"
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        aria-label="Type a command or screen"
        placeholder="Type a command or screen…"
        data-testid="palette-input"
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setRefusal(null);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Commands" className="palette-list" data-testid="palette-list">
        {shown.map((command) => (
          <li
            key={command.id}
            id={`${listId}-${command.id}`}
            role="option"
            aria-selected={command === current}
            aria-disabled={command.disabledReason ? true : undefined}
            className={command === current ? 'palette-item active' : 'palette-item'}
            data-testid="palette-item"
            data-command={command.id}
            onClick={() => run(command)}
          >
            <span className="palette-label">{command.label}</span>
            {command.disabledReason && <span className="palette-why">{command.disabledReason}</span>}
            {command.shortcut && <kbd>{command.shortcut}</kbd>}
          </li>
        ))}
      </ul>
      {shown.length === 0 && (
        <p className="hint" data-testid="palette-empty">
          No command matches “{query}”.
        </p>
      )}
      {refusal && (
        <p className="field-error" role="alert" data-testid="palette-refusal">
          {refusal}
        </p>
      )}
      <DialogFooter cancelLabel="Close" onCancel={onClose}>
        <span className="hint">↑/↓ choose · Enter runs · Esc closes</span>
      </DialogFooter>
    </ModalDialog>
  );
}
