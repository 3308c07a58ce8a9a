import { useEffect, useRef } from 'react';
import { DialogFooter } from '../components/DialogFooter';
import { useTabWrap } from '../components/ModalDialog';
import { useCommands } from '../state/commands';
import { SECTIONS } from '../state/navigation';

const SHORTCUTS: Array<[string, string]> = [
  // From the sections themselves, so a new screen's key is listed here too.
  [`Ctrl/⌘ + 1…${SECTIONS.length}`, `Go to ${SECTIONS.map((section) => section.label).join(', ')}`],
  ['↑ / ↓ in the sidebar', 'Move between sections'],
  ['Ctrl/⌘ + K, Ctrl/⌘ + Shift + P', 'Commands: every action and screen, filtered as you type'],
  ['Ctrl/⌘ + Enter', 'Send (in Compose, also inside the editor)'],
  ['Ctrl/⌘ + M in the payload editor', 'Switch Tab between leaving the editor (the default) and indenting'],
  ['← / → / Home / End on the provider tabs', 'Move between providers'],
  ['Esc', 'Cancel a running send; close a dialog'],
  ['Ctrl/⌘ + F', 'Filter the exchange list'],
  ['Ctrl/⌘ + /', 'Show this list'],
];

/** A list of every keyboard shortcut, on Ctrl/⌘ + / from anywhere. */
export function ShortcutsHelp() {
  const open = useCommands((state) => state.shortcutsOpen);
  const setOpen = useCommands((state) => state.setShortcutsOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  useTabWrap(dialog);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === '/') {
        event.preventDefault();
        setOpen(!useCommands.getState().shortcutsOpen);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);
  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts"
      onClose={() => setOpen(false)}
    >
      <h2 id="shortcuts-title" className="dialog-title">
        Keyboard shortcuts
      </h2>
      <dl className="facts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="fact-row">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <DialogFooter cancelLabel="Close" onCancel={() => setOpen(false)} />
    </dialog>
  );
}
