import type { UploadPurpose } from '../../shared/contract';
import { UPLOAD_CHUNK_CHARS, UPLOAD_LIMIT_BYTES, fileTooLargeMessage } from '../../shared/transfer-limits';
import { call } from './index';

/** Refuses a file over the upload limit before any of it is read or sent. */
export function checkFileSize(file: File, what: 'import' | 'targets file'): string | null {
  return file.size > UPLOAD_LIMIT_BYTES ? fileTooLargeMessage(file.size, what) : null;
}

/** True when the text can travel inline in one call. */
export function fitsInline(text: string): boolean {
  return text.length <= UPLOAD_CHUNK_CHARS;
}

/**
 * Sends text larger than one call in order, one chunk at a time (each waits for the last, so a
 * large file never floods the socket), and returns the upload's id for the call that uses it.
 */
export async function uploadText(
  text: string,
  bytes: number,
  purpose: UploadPurpose,
  onProgress?: (fraction: number) => void,
): Promise<string> {
  const { uploadId, chunkChars } = await call('uploads.begin', { purpose, bytes });
  try {
    let index = 0;
    for (let start = 0; start < text.length; index++) {
      let end = Math.min(start + chunkChars, text.length);
      // Keep a surrogate pair in one chunk, so each chunk is well-formed text.
      if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
      await call('uploads.append', { uploadId, index, text: text.slice(start, end) });
      start = end;
      onProgress?.(start / text.length);
    }
    return uploadId;
  } catch (error) {
    await call('uploads.cancel', { uploadId }).catch(() => undefined);
    throw error;
  }
}
