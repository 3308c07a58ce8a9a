import { randomBytes } from 'node:crypto';
import type { UploadPurpose } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import {
  UPLOADS_AT_ONCE,
  UPLOAD_CHUNK_CHARS,
  UPLOAD_LIMIT_BYTES,
  fileTooLargeMessage,
} from '../../../shared/transfer-limits';

interface Upload {
  readonly purpose: UploadPurpose;
  readonly chunks: string[];
  chars: number;
  touchedAt: number;
}

const LIMIT_NAMES: Record<UploadPurpose, string> = {
  'devices-import': 'import',
  'bulk-targets': 'targets file',
};

/**
 * Text too large for one call, held while its chunks arrive. A file's UTF-16 length is never
 * more than its UTF-8 size, so the byte limit checked at begin also bounds what append accepts.
 * Uploads are few (UPLOADS_AT_ONCE), used once, and dropped when idle for `idleMs`.
 */
export class UploadStore {
  readonly #uploads = new Map<string, Upload>();

  readonly #idleMs: number;
  readonly #now: () => number;

  constructor(idleMs = 5 * 60_000, now: () => number = Date.now) {
    this.#idleMs = idleMs;
    this.#now = now;
  }

  begin(purpose: UploadPurpose, bytes: number): { uploadId: string; chunkChars: number } {
    if (bytes > UPLOAD_LIMIT_BYTES) throw new AppError('TOO_LARGE', fileTooLargeMessage(bytes, LIMIT_NAMES[purpose]));
    this.#dropIdle();
    if (this.#uploads.size >= UPLOADS_AT_ONCE) {
      throw new AppError(
        'BUSY',
        `${UPLOADS_AT_ONCE} uploads are already under way.`,
        'Wait for an import or bulk send that is uploading to finish, then try again.',
      );
    }
    const uploadId = randomBytes(16).toString('base64url');
    this.#uploads.set(uploadId, { purpose, chunks: [], chars: 0, touchedAt: this.#now() });
    return { uploadId, chunkChars: UPLOAD_CHUNK_CHARS };
  }

  append(uploadId: string, index: number, text: string): { chars: number } {
    const upload = this.#get(uploadId);
    if (index !== upload.chunks.length) {
      this.#uploads.delete(uploadId);
      throw new AppError(
        'INVALID_INPUT',
        `Part ${index + 1} of the upload arrived where part ${upload.chunks.length + 1} was due; the upload was dropped.`,
        'Choose the file again.',
      );
    }
    if (upload.chars + text.length > UPLOAD_LIMIT_BYTES) {
      this.#uploads.delete(uploadId);
      throw new AppError('TOO_LARGE', fileTooLargeMessage(upload.chars + text.length, LIMIT_NAMES[upload.purpose]));
    }
    upload.chunks.push(text);
    upload.chars += text.length;
    upload.touchedAt = this.#now();
    return { chars: upload.chars };
  }

  /** The whole text, once: the upload is gone afterwards. */
  take(uploadId: string, purpose: UploadPurpose): string {
    const upload = this.#get(uploadId);
    this.#uploads.delete(uploadId);
    if (upload.purpose !== purpose) {
      throw new AppError('INVALID_INPUT', `That upload was made for a ${LIMIT_NAMES[upload.purpose]}, not this.`);
    }
    return upload.chunks.join('');
  }

  cancel(uploadId: string): boolean {
    return this.#uploads.delete(uploadId);
  }

  #get(uploadId: string): Upload {
    this.#dropIdle();
    const upload = this.#uploads.get(uploadId);
    if (!upload) {
      throw new AppError(
        'NOT_FOUND',
        'This upload is no longer here (it was used, cancelled, or left idle).',
        'Choose the file again.',
      );
    }
    return upload;
  }

  #dropIdle(): void {
    const oldest = this.#now() - this.#idleMs;
    for (const [id, upload] of this.#uploads) if (upload.touchedAt < oldest) this.#uploads.delete(id);
  }
}
