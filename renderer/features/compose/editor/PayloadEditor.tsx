import { Component, lazy, Suspense, useRef, type ReactNode } from 'react';
import type { EditorHandle, EditorProps } from './editor-types';

const MonacoEditor = lazy(() => import('./MonacoEditor'));

/**
 * The payload editor: a plain textarea at once (usable while Monaco loads, and if it ever fails
 * to), replaced by Monaco when its chunk arrives.
 */
export function PayloadEditor(props: EditorProps) {
  const fallback = <PlainEditor {...props} />;
  return (
    <EditorBoundary fallback={fallback}>
      <Suspense fallback={fallback}>
        <MonacoEditor {...props} />
      </Suspense>
    </EditorBoundary>
  );
}

function PlainEditor(props: EditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const handle: EditorHandle = {
    revealOffset(offset) {
      area.current?.focus();
      area.current?.setSelectionRange(offset, offset);
    },
    focus: () => area.current?.focus(),
    // A textarea's Tab always leaves it; there is nothing to toggle until Monaco arrives.
    toggleTabMovesFocus: () => {},
  };
  return (
    <textarea
      ref={(element) => {
        area.current = element;
        if (element) props.onReady?.(handle);
      }}
      className="plain-editor"
      data-testid="payload-plain"
      aria-label={props.ariaLabel}
      spellCheck={false}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
          event.preventDefault();
          props.onSubmit?.();
        }
      }}
    />
  );
}

class EditorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
