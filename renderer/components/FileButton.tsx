import { useRef, type ReactNode } from 'react';

/**
 * A button that opens the file picker (the input itself stays hidden); the chosen file is handed
 * over once, and choosing the same file again still counts.
 */
export function FileButton(props: { accept: string; testId: string; onFile(file: File): void; children: ReactNode }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {props.children}
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        data-testid={props.testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) props.onFile(file);
        }}
      />
    </>
  );
}
