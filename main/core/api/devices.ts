import { exportDevicesCsv, exportDevicesJson, importDevices } from '../../../shared/devices/import-export';
import { splitTargets } from '../../../shared/devices/targets';
import { deviceKindProblem, targetProblem } from '../../../shared/devices/validate-target';
import { PROVIDER_LABELS } from '../../../shared/providers/ids';
import { AppError } from '../../../shared/errors';
import { BULK_TARGETS_MAX } from '../../../shared/transfer-limits';
import type { Core } from '../core';
import type { UploadStore } from '../uploads/upload-store';
import type { Handlers } from './dispatcher';

type DeviceCalls =
  | 'devices.list'
  | 'devices.save'
  | 'devices.remove'
  | 'devices.prune'
  | 'devices.import'
  | 'devices.export'
  | 'bulk.start'
  | 'bulk.control'
  | 'bulk.results'
  | 'bulk.groups'
  | 'bulk.retry';

export function deviceHandlers(core: Core, uploads: UploadStore): Pick<Handlers, DeviceCalls> {
  return {
    'devices.list': () => core.devices.list(),
    'devices.save': (input) => {
      // The same check the device editor and imports make, here so the CLI or any caller cannot save a bad target.
      const kindProblem = deviceKindProblem(input);
      if (kindProblem)
        throw new AppError(
          'INVALID_INPUT',
          `This device cannot be saved: ${kindProblem.reason}`,
          'Choose the kind of target this is, with its attributes type and activity id where it has them.',
        );
      const problem = targetProblem(input.provider, input.environment, input.target, input.kind);
      if (problem)
        throw new AppError(
          'INVALID_INPUT',
          `This ${PROVIDER_LABELS[input.provider]} target cannot be saved: ${problem}`,
          'Copy the target again from the device or app that registered it.',
        );
      return core.devices.save(input);
    },
    'devices.remove': async ({ ids }) => ({ removed: await core.devices.remove(ids) }),
    'devices.prune': async () => ({ removed: await core.devices.prune() }),
    'devices.import': async (input) => {
      const text = 'uploadId' in input ? uploads.take(input.uploadId, 'devices-import') : input.text;
      const parsed = importDevices(text, input.format);
      if (parsed.ok) return { ok: true as const, skipped: 0, ...(await core.devices.saveMany(parsed.devices)) };
      if (!input.validOnly || parsed.valid.length === 0)
        return { ok: false as const, errors: parsed.errors, valid: parsed.valid.length };
      const saved = await core.devices.saveMany(parsed.valid);
      return { ok: true as const, skipped: parsed.errors.length, ...saved };
    },
    'devices.export': async ({ format }) => {
      const devices = await core.devices.list();
      return { text: format === 'csv' ? exportDevicesCsv(devices) : exportDevicesJson(devices) };
    },
    'bulk.start': async ({
      request,
      targets: inline,
      targetsUploadId,
      deviceIds,
      concurrency,
      maxAttempts,
      record,
    }) => {
      const uploaded = targetsUploadId ? splitTargets(uploads.take(targetsUploadId, 'bulk-targets')) : [];
      const targets = inline || targetsUploadId ? [...(inline ?? []), ...uploaded] : undefined;
      if (targets && targets.length > BULK_TARGETS_MAX) {
        throw new AppError(
          'TOO_LARGE',
          `This list has ${targets.length.toLocaleString('en-US')} targets; one bulk send takes at most ${BULK_TARGETS_MAX.toLocaleString('en-US')}.`,
          'Split the file and send the parts one after another.',
        );
      }
      const { sendId, total } = await core.bulk.start({
        request,
        ...(targets ? { targets } : {}),
        ...(deviceIds ? { deviceIds } : {}),
        options: {
          ...(concurrency ? { concurrency } : {}),
          ...(maxAttempts ? { maxAttempts } : {}),
          ...(record !== undefined ? { record } : {}),
        },
      });
      return { sendId, total };
    },
    'bulk.control': ({ sendId, action }) => {
      const run = core.bulk.get(sendId);
      if (action === 'pause') run.pause();
      else if (action === 'resume') run.resume();
      else run.cancel();
      return { state: run.state };
    },
    'bulk.results': ({ sendId, offset, limit, outcome, retryable }) =>
      core.bulk.get(sendId).results(offset, limit, {
        ...(outcome ? { outcome } : {}),
        ...(retryable !== undefined ? { retryable } : {}),
      }),
    'bulk.groups': ({ sendId }) => groupResults(core.bulk.get(sendId).results(0, Number.MAX_SAFE_INTEGER, {}).items),
    'bulk.retry': async ({ sendId }) => {
      const { sendId: next, total } = await core.bulk.retry(sendId);
      return { sendId: next, total };
    },
  };
}

type Outcome = 'accepted' | 'rejected' | 'failed';

/** One pass over the results: a count per outcome and reason, largest first. */
function groupResults(items: readonly { outcome: Outcome; reason: string | null }[]) {
  const groups = new Map<string, { outcome: Outcome; reason: string | null; count: number }>();
  for (const { outcome, reason } of items) {
    const key = `${outcome}\u0000${reason ?? ''}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { outcome, reason, count: 1 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
