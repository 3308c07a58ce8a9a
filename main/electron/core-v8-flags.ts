/**
 * Electron reads V8 flags for its main process only from `--js-flags` on the command line it
 * was started with: `app.commandLine.appendSwitch` reaches renderers only, and V8's heap is
 * sized before any of our code runs. `npm start` passes the core's flags; a packaged app is
 * started by the OS with none, so it starts itself once more with them (see `relaunchArgs`).
 */

/** Set in the environment of the relaunched process, so a launcher that strips flags cannot loop us. */
export const V8_RELAUNCH_ENV = 'PUSH_CONSOLE_V8_RELAUNCHED';

/**
 * The arguments to start again with when `--js-flags` (`current`, as Chromium parsed it) lacks
 * one of `flags`, or null when nothing is missing. A flag the user set with a value of their own
 * (same name before `=`) is theirs and stays; ours are added after the user's own flags.
 */
export function relaunchArgs(current: string, argv: readonly string[], flags: readonly string[]): string[] | null {
  const present = current.split(/\s+/).filter((flag) => flag.length > 0);
  const names = new Set(present.map(flagName));
  const missing = flags.filter((flag) => !names.has(flagName(flag)));
  if (missing.length === 0) return null;
  const rest = argv.filter((arg) => !arg.startsWith('--js-flags='));
  return [`--js-flags=${[...present, ...missing].join(' ')}`, ...rest];
}

function flagName(flag: string): string {
  return flag.split('=')[0]!.replace(/_/g, '-');
}
