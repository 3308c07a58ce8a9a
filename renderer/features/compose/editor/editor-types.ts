export interface EditorHandle {
  /** Moves the caret to a character offset in the text and scrolls it into view. */
  revealOffset(offset: number): void;
  focus(): void;
  /** Flips whether Tab moves focus out of the editor (on) or indents (off), as Ctrl+M does. */
  toggleTabMovesFocus(): void;
}

export interface EditorProps {
  value: string;
  language: 'json' | 'xml' | 'plaintext';
  /** A JSON Schema for validation, hovers and completion (JSON only). */
  schema?: object | undefined;
  /** One model per provider, so undo history does not mix payloads. */
  modelUri: string;
  ariaLabel: string;
  onChange(value: string): void;
  onSubmit?(): void;
  onReady?(handle: EditorHandle): void;
  /** Whether Tab now leaves the editor; said on mount and on every Ctrl+M. */
  onTabMovesFocus?(on: boolean): void;
}
