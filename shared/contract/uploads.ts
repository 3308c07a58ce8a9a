import { z } from 'zod';
import { UPLOAD_CHUNK_CHARS } from '../transfer-limits';
import { call } from './call';

export const uploadIdSchema = z.string().min(1).max(100);
export const uploadPurposeSchema = z.enum(['devices-import', 'bulk-targets']);
export type UploadPurpose = z.infer<typeof uploadPurposeSchema>;

/**
 * Uploads: text larger than one message (a devices file, a targets file) goes up in chunks, then
 * the call that uses it names the upload. Limits: shared/transfer-limits.ts.
 */
export const uploadsCalls = {
  'uploads.begin': call(
    z.object({ purpose: uploadPurposeSchema, bytes: z.number().int().min(0) }).strict(),
    z.object({ uploadId: z.string(), chunkChars: z.number() }),
    'Start an upload of a file of this many bytes; a file over the limit is refused here.',
  ),
  'uploads.append': call(
    z
      .object({ uploadId: uploadIdSchema, index: z.number().int().min(0), text: z.string().max(UPLOAD_CHUNK_CHARS) })
      .strict(),
    z.object({ chars: z.number() }),
    'Add chunk number `index` (0, 1, 2… in order) to an upload.',
  ),
  'uploads.cancel': call(
    z.object({ uploadId: uploadIdSchema }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Drop an upload that will not be used (one left idle is dropped by itself).',
  ),
} as const;
