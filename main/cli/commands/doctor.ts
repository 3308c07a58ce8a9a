import { AppError } from '../../../shared/errors';
import { diagnosisLines } from '../../../shared/doctor/text';
import { diagnoseSend } from '../../core/providers/registry';
import type { StoredSend } from '../../core/workspace/history/store';
import { parseCommandArgs } from '../args';
import { write, type CliCommand } from '../command';
import { storedSend } from './history';

/**
 * The diagnosis kept with a past send; a send recorded before diagnoses existed is diagnosed now
 * from its stored exchanges and request (without the credential's metadata, which history never held).
 */
function diagnosisOf(stored: StoredSend) {
  if (stored.result.diagnosis) return stored.result.diagnosis;
  const request = stored.request;
  return diagnoseSend({
    result: stored.result,
    exchanges: stored.exchanges,
    request: request
      ? {
          environment: request.environment,
          target: request.target,
          options: request.options as Record<string, unknown>,
          payload: request.payload,
        }
      : null,
    credential: null,
  });
}

export const doctorCommand: CliCommand = {
  path: ['doctor'],
  summary: 'Why a past send failed: the likely causes, the evidence each quotes, and the fix.',
  usage: 'doctor <send-id or its first characters> [--json] [--data-dir DIR]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
      true,
    );
    const stored = await storedSend(values['data-dir'], io, positionals[0]);
    const { result } = stored;
    const diagnosis = diagnosisOf(stored);
    if (values.json) {
      write(
        io.stdout,
        JSON.stringify({
          id: result.id,
          provider: result.provider,
          outcome: result.outcome,
          status: result.status,
          reason: result.reason,
          diagnosis,
        }),
      );
      return 0;
    }
    if (!diagnosis) {
      if (result.outcome === 'accepted') {
        write(io.stdout, `${result.id}: ${result.provider} accepted it; nothing to diagnose.`);
        return 0;
      }
      throw new AppError('NOT_FOUND', `Send ${result.id} has no diagnosis.`);
    }
    write(
      io.stdout,
      `${result.id}  ${result.provider} ${result.outcome} ${result.status ?? ''} ${result.reason ?? ''}`.trimEnd(),
    );
    for (const line of diagnosisLines(diagnosis)) write(io.stdout, line);
    return 0;
  },
};
