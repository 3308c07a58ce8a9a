import type { ApnsProbe, TargetReadingWithFits } from '../../../shared/contract/token-doctor';
import { AppError } from '../../../shared/errors';
import { write, type CliIo } from '../command';
import { callCore, openCliCore } from '../send-support';

export interface TargetDoctorValues {
  'data-dir'?: string | undefined;
  workspace?: string | undefined;
  'ephemeral-secrets'?: boolean | undefined;
  json?: boolean | undefined;
  'probe-environment'?: boolean | undefined;
  credential?: string | undefined;
  topic?: string | undefined;
  env?: string | undefined;
  yes?: boolean | undefined;
}

export const PROBE_WARNING =
  'This sends a real silent push to this device (content-available, priority 5): to sandbox first, then to production if sandbox refuses the token.';

function readingLines(reading: TargetReadingWithFits): string[] {
  const lines = [`${reading.label} (${reading.confidence})`, `  ${reading.summary}`];
  lines.push(`  Rests on: ${reading.facts.join('; ')}.`);
  for (const problem of reading.problems) lines.push(`  Problem: ${problem}`);
  lines.push(`  Send with: ${reading.sendWith}`);
  const credentials = reading.credentials.map((c) => `"${c.label}"${c.problem ? ` (${c.problem})` : ''}`);
  lines.push(`  Credentials that fit: ${credentials.length ? credentials.join(', ') : 'none in this workspace'}.`);
  if (reading.profiles.length)
    lines.push(`  Profiles: ${reading.profiles.map((p) => `"${p.name}" (${p.environment})`).join(', ')}.`);
  return lines;
}

/** `push-console doctor <target>`: what it is, and with --probe-environment which APNs environment it is for. */
export async function doctorTarget(
  text: string,
  values: TargetDoctorValues,
  io: CliIo,
  note?: string,
): Promise<number> {
  const core = await openCliCore(values, io);
  try {
    const { readings } = await callCore(core, 'doctor.identifyTarget', { text });
    let probe: ApnsProbe | undefined;
    if (values['probe-environment']) {
      const apns = readings.find((r) => r.provider === 'apns');
      if (!apns) throw new AppError('INVALID_INPUT', 'The environment probe is for APNs tokens; this is not one.');
      if (!values.credential)
        throw new AppError('INVALID_INPUT', 'Which credential sends the probe? Add --credential <id or label>.');
      if (!values.yes) throw new AppError('CONFIRMATION_NEEDED', PROBE_WARNING, 'Add --yes to send it.');
      if (values.env !== undefined && values.env !== 'live' && values.env !== 'local')
        throw new AppError('INVALID_INPUT', `--env must be live or local, not "${values.env}".`);
      const credential = await core.credentials.get(values.credential);
      probe = await callCore(core, 'doctor.probeApnsEnvironment', {
        token: apns.target,
        credentialId: credential.id,
        ...(values.topic ? { topic: values.topic } : {}),
        where: values.env === 'local' ? 'local' : 'apple',
        confirmed: true,
      });
    }
    if (values.json) {
      write(io.stdout, JSON.stringify({ readings, ...(probe ? { probe } : {}) }));
      return readings.length ? 0 : 1;
    }
    if (note) write(io.stdout, note);
    if (!readings.length) {
      write(
        io.stdout,
        'Not a target Push Console recognizes: not an APNs token, FCM token, topic or condition, WNS channel, Web Push subscription, or Notification Hubs tag.',
      );
      return 1;
    }
    for (const reading of readings) for (const line of readingLines(reading)) write(io.stdout, line);
    if (probe) write(io.stdout, `Environment probe: ${probe.verdict}`);
    return 0;
  } finally {
    await core.close();
  }
}
