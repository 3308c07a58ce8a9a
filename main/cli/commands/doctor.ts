import { AppError } from '../../../shared/errors';
import { diagnosisLines } from '../../../shared/doctor/text';
import { diagnoseSend } from '../../core/providers/registry';
import type { StoredSend } from '../../core/workspace/history/store';
import { parseCommandArgs } from '../args';
import { write, type CliCommand, type CliIo } from '../command';
import { callCore, openCliCore } from '../send-support';
import { formatCredentialCheck } from './credential-check-text';
import { doctorTarget } from './doctor-target';
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

/** Send ids are UUIDs; a target (a 64-digit token, a URL, JSON, a topic) never looks like one or its start. */
const SEND_ID_START = /^[0-9a-f]{4,8}(-[0-9a-f]{0,12}){0,4}$/i;

export const doctorCommand: CliCommand = {
  path: ['doctor'],
  summary: 'Why a past send failed (its causes, evidence and fix), or what a pasted target is and what sends to it.',
  usage:
    'doctor <send-id or its first characters | target> [--json] [--data-dir DIR] [--workspace DIR]\n' +
    '       doctor --credential <id|label> [--json]   (the credential check; exit 1 when a problem is found)\n' +
    '       doctor <apns token> --probe-environment --credential ID [--topic BUNDLE] [--env live|local] --yes',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        'data-dir': { type: 'string' },
        workspace: { type: 'string' },
        'ephemeral-secrets': { type: 'boolean' },
        json: { type: 'boolean' },
        'probe-environment': { type: 'boolean' },
        credential: { type: 'string' },
        topic: { type: 'string' },
        env: { type: 'string' },
        yes: { type: 'boolean' },
      },
      true,
    );
    // A condition or a tag expression may arrive unquoted, as several words.
    const given = positionals.join(' ').trim();
    // `doctor --credential ID` alone: the credential check, as `credentials check` prints it.
    if (!given && values.credential) return doctorCredential(values.credential, values, io);
    if (!given)
      throw new AppError('INVALID_INPUT', 'What should the doctor look at? Give a send id or paste a target.');
    let note: string | undefined;
    if (SEND_ID_START.test(given) && !values['probe-environment']) {
      const stored = await storedSend(values['data-dir'], io, given).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
        throw error;
      });
      if (stored) return printSend(stored, Boolean(values.json), io);
      note = `No send in history has an id starting "${given}"; read as a target:`;
    }
    return doctorTarget(given, values, io, note);
  },
};

async function doctorCredential(
  credential: string,
  values: Parameters<typeof openCliCore>[0] & { json?: boolean },
  io: CliIo,
): Promise<number> {
  const core = await openCliCore(values, io);
  try {
    const { id } = await core.credentials.get(credential);
    const check = await callCore(core, 'credentials.check', { id });
    write(io.stdout, values.json ? JSON.stringify(check, null, 2) : formatCredentialCheck(check));
    return check.findings.some((finding) => finding.severity === 'problem') ? 1 : 0;
  } finally {
    await core.close();
  }
}

function printSend(stored: StoredSend, json: boolean, io: CliIo): number {
  const { result } = stored;
  const diagnosis = diagnosisOf(stored);
  if (json) {
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
}
