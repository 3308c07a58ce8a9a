import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data folder, following each platform's convention (what Electron's userData uses). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['PUSH_CONSOLE_DATA_DIR']) return env['PUSH_CONSOLE_DATA_DIR'];
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Push Console');
  if (process.platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Push Console');
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'push-console');
}

/** The workspace (profiles, devices, presets) is plain JSON meant to be committed; history is not in it. */
export function defaultWorkspaceDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env['PUSH_CONSOLE_WORKSPACE'] ?? join(dataDir, 'workspace');
}
