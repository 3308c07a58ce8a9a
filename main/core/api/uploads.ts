import type { UploadStore } from '../uploads/upload-store';
import type { Handlers } from './dispatcher';

export function uploadHandlers(
  uploads: UploadStore,
): Pick<Handlers, 'uploads.begin' | 'uploads.append' | 'uploads.cancel'> {
  return {
    'uploads.begin': ({ purpose, bytes }) => uploads.begin(purpose, bytes),
    'uploads.append': ({ uploadId, index, text }) => uploads.append(uploadId, index, text),
    'uploads.cancel': ({ uploadId }) => ({ cancelled: uploads.cancel(uploadId) }),
  };
}
