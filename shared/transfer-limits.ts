/**
 * How big one call may be, and how larger inputs travel. Browser mode carries each call as one
 * WebSocket frame, and the server refuses a frame over FRAME_LIMIT_BYTES; Electron IPC has no such
 * cap, but both carry the same contract, so the contract's own limits keep every call inside it.
 * Text larger than one chunk (a devices CSV, a targets file) goes up in chunks with uploads.* calls
 * and is referenced by id.
 */

const MiB = 1024 * 1024;

/** The largest frame the browser-mode server accepts; one over it closes that socket with 1009. */
export const FRAME_LIMIT_BYTES = 16 * MiB;

/**
 * Characters in one uploads.append chunk (or an inline devices.import text). JSON writes at most
 * six bytes per character (a control character as \u001f), so a chunk is under 6 MiB on the wire.
 */
export const UPLOAD_CHUNK_CHARS = 1_000_000;

/** The largest file that can be uploaded: a devices import or a bulk targets file. */
export const UPLOAD_LIMIT_BYTES = 64 * MiB;

/** Uploads held at once (by all browser tabs and the window); each is dropped when used or idle. */
export const UPLOADS_AT_ONCE = 4;

/** A bulk send's targets: inline up to this many (each at most TARGET_MAX_CHARS), more by upload. */
export const INLINE_TARGETS_MAX = 1_000;
export const TARGET_MAX_CHARS = 4_096;
/** The most targets one bulk send takes, whichever way they came. */
export const BULK_TARGETS_MAX = 1_000_000;
/** Device ids are UUIDs (36 characters): 200,000 of them are about 8 MB of JSON. */
export const BULK_DEVICE_IDS_MAX = 200_000;
export const DEVICE_ID_MAX_CHARS = 64;

/** "This file is 100 MB; the import limit is 64 MB", in whole megabytes as file managers show them. */
export function fileTooLargeMessage(bytes: number, what = 'import'): string {
  return `This file is ${megabytes(bytes)} MB; the ${what} limit is ${megabytes(UPLOAD_LIMIT_BYTES)} MB.`;
}

function megabytes(bytes: number): string {
  const mb = bytes / MiB;
  return (mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10).toLocaleString('en-US');
}
