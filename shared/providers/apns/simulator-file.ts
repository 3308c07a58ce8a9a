import { utf8Length } from '../../text';
import { bundleIdOfTopic, type ApnsPushType } from './push-types';

/**
 * An APNs payload as an `.apns` file for the iOS Simulator (drag it onto a booted simulator, or
 * `xcrun simctl push`). What the Simulator takes is the `simctl push` help text's: a top-level
 * object with `aps`, at most 4,096 bytes, an optional top-level "Simulator Target Bundle", and
 * only an app's remote notifications ("VoIP, Complication, File Provider, and other types are
 * not supported").
 */
export const SIMULATOR_TARGET_KEY = 'Simulator Target Bundle';
export const SIMULATOR_PAYLOAD_LIMIT = 4096;

/** The push types the Simulator delivers: an app's own remote notifications. */
const SIMULATOR_PUSH_TYPES: ReadonlySet<ApnsPushType> = new Set(['alert', 'background']);

export interface SimulatorFileInput {
  payload: string;
  pushType: ApnsPushType;
  /** A bundle id or a topic (its push-type suffix is dropped); empty leaves the key out. */
  bundleId: string;
}

export type SimulatorFile =
  | {
      ok: true;
      fileName: string;
      text: string;
      /** The same push from a terminal, reading the file. */
      command: string;
      bytes: number;
      /** Why the Simulator may not show it; the file is still written. */
      warnings: string[];
    }
  | { ok: false; error: string };

const BUNDLE_ID = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function simulatorFile(input: SimulatorFileInput): SimulatorFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.payload);
  } catch {
    return { ok: false, error: 'The payload is not JSON yet; fix it in the editor first.' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: 'The Simulator needs a JSON object with "aps" at the top.' };
  }
  const payload = parsed as Record<string, unknown>;
  if (typeof payload['aps'] !== 'object' || payload['aps'] === null) {
    return { ok: false, error: 'The payload has no "aps" object; the Simulator needs one at the top.' };
  }
  const bundleId = bundleIdOfTopic(input.bundleId.trim());
  if (bundleId && !BUNDLE_ID.test(bundleId)) {
    return { ok: false, error: `"${bundleId}" is not a bundle id (like com.example.app).` };
  }
  // The target key first, so the file reads as "for this app: this push"; the rest as written.
  const { [SIMULATOR_TARGET_KEY]: _replaced, ...rest } = payload;
  const text = `${JSON.stringify(bundleId ? { [SIMULATOR_TARGET_KEY]: bundleId, ...rest } : rest, null, 2)}\n`;
  const bytes = utf8Length(text);
  const warnings: string[] = [];
  if (!SIMULATOR_PUSH_TYPES.has(input.pushType)) {
    warnings.push(
      input.pushType === 'liveactivity'
        ? 'The Simulator does not take Live Activity pushes from a file (drag-and-drop is reported not to work). Send them to the sandbox from a Mac with Apple silicon or a T2 chip on macOS 13 or later, with the token the Simulator’s activity reports.'
        : `The Simulator takes only an app’s remote notifications; a ${input.pushType} push is not delivered there (VoIP, Complication, File Provider and other types are not supported). Use a device.`,
    );
  }
  if (bytes > SIMULATOR_PAYLOAD_LIMIT) {
    warnings.push(
      `The file is ${bytes.toLocaleString('en-US')} bytes; the Simulator takes at most ${SIMULATOR_PAYLOAD_LIMIT.toLocaleString('en-US')}.`,
    );
  }
  if (!bundleId) {
    warnings.push(
      `No bundle id: dropped on the Simulator the file needs "${SIMULATOR_TARGET_KEY}"; with simctl, name the app in the command.`,
    );
  }
  const fileName = `${bundleId || 'push'}.apns`;
  const command = `xcrun simctl push booted ${bundleId || '<bundle-id>'} ${fileName}`;
  return { ok: true, fileName, text, command, bytes, warnings };
}
