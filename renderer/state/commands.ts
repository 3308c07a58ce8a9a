import { create } from 'zustand';

/** How shortcuts are written on this machine: "⌘K" on a Mac, "Ctrl+K" elsewhere. */
export const SHORTCUT_MOD = navigator.platform.toLowerCase().includes('mac') ? '⌘' : 'Ctrl+';

/** One thing the command palette can run: an action or a screen, with its shortcut if it has one. */
export interface Command {
  id: string;
  label: string;
  /** "Ctrl+Enter", shown beside the label. */
  shortcut?: string;
  /** Words to match besides the label ("screen", "provider"). */
  keywords?: string;
  /** Why it cannot run now; shown, and Enter then says it instead of running. */
  disabledReason?: string | null;
  run(): void;
}

interface CommandsState {
  /** Each owner's list under its own key, so a screen's commands leave with the screen. */
  byOwner: Record<string, readonly Command[]>;
  /** Whether the palette and the shortcut sheet are open (both can be opened from the other). */
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  provide(owner: string, commands: readonly Command[]): void;
  withdraw(owner: string): void;
  setPaletteOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
}

export const useCommands = create<CommandsState>((set) => ({
  byOwner: {},
  paletteOpen: false,
  shortcutsOpen: false,
  provide: (owner, commands) => set((state) => ({ byOwner: { ...state.byOwner, [owner]: commands } })),
  withdraw: (owner) =>
    set((state) => {
      const { [owner]: _gone, ...rest } = state.byOwner;
      return { byOwner: rest };
    }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
}));

export function allCommands(byOwner: Record<string, readonly Command[]>): Command[] {
  return Object.values(byOwner).flat();
}

/** Commands whose label, shortcut or keywords hold every word typed, in the order given. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((command) => {
    const text = `${command.label} ${command.shortcut ?? ''} ${command.keywords ?? ''}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
