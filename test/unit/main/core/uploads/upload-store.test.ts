import { describe, expect, it } from 'vitest';
import { UploadStore } from '../../../../../main/core/uploads/upload-store';
import { UPLOADS_AT_ONCE, UPLOAD_LIMIT_BYTES } from '../../../../../shared/transfer-limits';

describe('UploadStore', () => {
  it('joins chunks in order and gives the text once', () => {
    const store = new UploadStore();
    const { uploadId } = store.begin('devices-import', 11);
    store.append(uploadId, 0, 'hello ');
    expect(store.append(uploadId, 1, 'world')).toEqual({ chars: 11 });
    expect(store.take(uploadId, 'devices-import')).toBe('hello world');
    expect(() => store.take(uploadId, 'devices-import')).toThrow(/no longer here/);
  });

  it('refuses a file over the limit at begin, in words', () => {
    const store = new UploadStore();
    expect(() => store.begin('devices-import', 100 * 1024 * 1024)).toThrow(
      'This file is 100 MB; the import limit is 64 MB.',
    );
  });

  it('drops an upload whose text grows past the limit, or whose parts arrive out of order', () => {
    const store = new UploadStore();
    const big = store.begin('bulk-targets', 10).uploadId;
    const chunk = 'x'.repeat(UPLOAD_LIMIT_BYTES / 2);
    store.append(big, 0, chunk);
    store.append(big, 1, chunk);
    expect(() => store.append(big, 2, 'x')).toThrow(/the targets file limit is 64 MB/);
    expect(() => store.append(big, 3, 'x')).toThrow(/no longer here/);
    const jumbled = store.begin('bulk-targets', 10).uploadId;
    expect(() => store.append(jumbled, 1, 'x')).toThrow(/Part 2 of the upload arrived where part 1 was due/);
  });

  it('holds a few uploads at once, drops idle ones, and keeps purposes apart', () => {
    let now = 0;
    const store = new UploadStore(1000, () => now);
    const ids = Array.from({ length: UPLOADS_AT_ONCE }, () => store.begin('devices-import', 1).uploadId);
    expect(() => store.begin('devices-import', 1)).toThrow(/already under way/);
    now = 2000;
    const fresh = store.begin('bulk-targets', 1).uploadId;
    expect(() => store.append(ids[0]!, 0, 'x')).toThrow(/no longer here/);
    expect(() => store.take(fresh, 'devices-import')).toThrow(/made for a targets file/);
  });
});
