import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

const TABBABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside an open dialog. showModal() makes the page behind it inert, but Tab past the
 * last control still leaves for the browser's own toolbar; here it wraps to the first (and
 * Shift+Tab from the first to the last), as WCAG's dialog pattern expects.
 */
export function useTabWrap(dialog: RefObject<HTMLDialogElement | null>): void {
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const tabbable = [...element.querySelectorAll<HTMLElement>(TABBABLE)].filter(
        (node) => !node.matches(':disabled') && node.checkVisibility(),
      );
      const first = tabbable[0];
      const last = tabbable.at(-1);
      if (!first || !last) return;
      const at = document.activeElement;
      if (event.shiftKey ? at === first || !element.contains(at) : at === last) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      }
    };
    element.addEventListener('keydown', onKey);
    return () => element.removeEventListener('keydown', onKey);
  }, [dialog]);
}

/**
 * A native modal `<dialog>`, opened as soon as it mounts, with Tab kept inside (useTabWrap).
 * When it unmounts (closed, or Escape) focus goes back to the control that opened it, which the
 * browser does not do for a dialog removed from the page.
 */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useTabWrap(dialog);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.current?.open) dialog.current?.showModal();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return { dialog, titleId };
}

/** A modal dialog with its title as its name; closing it (Escape included) calls onClose. */
export function ModalDialog(props: {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
  alert?: boolean;
}) {
  const { dialog, titleId } = useModalDialog();
  return (
    <dialog
      ref={dialog}
      className="dialog"
      role={props.alert ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      data-testid={props.testId}
      onClose={props.onClose}
    >
      <h2 id={titleId} className="dialog-title">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}
