import { readFileSync } from 'node:fs';
import { appVersion } from '../core/version';
import { route, type CommandHelp, type TextAnswer } from './help';

/**
 * `push-console` asked only for help or its version: answered from `cli-help.json`, the manifest
 * the build writes from the commands themselves (scripts/build.mjs), so the answer is the full
 * CLI's own without loading the core and every command (what made `--help` take 5× `node -e 0`).
 * Null when argv names a command to run, or the manifest is missing or not this build's: then the
 * full CLI answers.
 */
export function manifestAnswer(argv: readonly string[], manifestUrl: URL): TextAnswer | null {
  let commands: CommandHelp[];
  try {
    const manifest = JSON.parse(readFileSync(manifestUrl, 'utf8')) as { version?: unknown; commands?: CommandHelp[] };
    if (manifest.version !== appVersion() || !Array.isArray(manifest.commands)) return null;
    commands = manifest.commands;
  } catch {
    return null;
  }
  const routed = route(argv, commands);
  return 'answer' in routed ? routed.answer : null;
}

/** Writes the manifest's answer, as the full CLI would; false when the full CLI must answer. */
export function answerFromManifest(argv: readonly string[], manifestUrl: URL): boolean {
  const answer = manifestAnswer(argv, manifestUrl);
  if (!answer) return false;
  const text = answer.text.endsWith('\n') ? answer.text : `${answer.text}\n`;
  (answer.stream === 'stdout' ? process.stdout : process.stderr).write(text);
  process.exitCode = answer.code;
  return true;
}
