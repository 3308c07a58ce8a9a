import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallInput, CallOutput } from '../../../shared/contract';
import { captureValue, checkAssertion, inboxesRead, type Observation } from '../../../shared/collections/assertions';
import { countVerdicts, type RequestReport, type RunReport } from '../../../shared/collections/report';
import type { Assertion, Collection } from '../../../shared/collections/schema';
import { substituteDeep, substituteVariables } from '../../../shared/collections/variables';
import type { Provider } from '../../../shared/domain/exchange';
import { isAppError } from '../../../shared/errors';
import { planCollection, type CoreCall, type PlannedRequest, type PlanOptions } from './plan';

export interface RunOptions extends PlanOptions {
  /** Stop at the first request that does not pass; the rest are reported as skipped. */
  bail?: boolean | undefined;
  /** How long a `delivered` check waits for the inbox (deliveries are recorded as the emulator answers). */
  deliveryWaitMs?: number | undefined;
  /** Told after each request, for a progress line. */
  onRequest?: ((report: RequestReport, index: number, total: number) => void) | undefined;
}

const DEFAULT_ASSERTIONS: Assertion[] = [{ outcome: 'accepted' }];

/** Delivery ids already in each inbox, so what a send adds can be told apart. */
async function inboxSnapshot(call: CoreCall, inboxes: Provider[]): Promise<Map<Provider, Set<string> | string>> {
  const seen = new Map<Provider, Set<string> | string>();
  for (const inbox of inboxes) {
    try {
      seen.set(inbox, new Set((await call('emulators.inbox', { provider: inbox })).map((delivery) => delivery.id)));
    } catch (error) {
      seen.set(inbox, isAppError(error) ? error.message : `The ${inbox} inbox could not be read.`);
    }
  }
  return seen;
}

async function newDeliveries(
  call: CoreCall,
  before: Map<Provider, Set<string> | string>,
  waitMs: number,
): Promise<Pick<Observation, 'deliveries' | 'inboxProblem'>> {
  const deliveries: Observation['deliveries'] = {};
  let inboxProblem: string | undefined;
  const deadline = Date.now() + waitMs;
  for (const [inbox, seen] of before) {
    if (typeof seen === 'string') {
      inboxProblem = `its inbox could not be read: ${seen}`;
      continue;
    }
    for (;;) {
      const fresh = (await call('emulators.inbox', { provider: inbox })).filter((delivery) => !seen.has(delivery.id));
      if (fresh.length > 0 || Date.now() >= deadline) {
        deliveries[inbox] = fresh.map((delivery) => delivery.payload);
        break;
      }
      await sleep(50);
    }
  }
  return inboxProblem === undefined ? { deliveries } : { deliveries, inboxProblem };
}

async function runOne(
  planned: PlannedRequest,
  vars: Record<string, string>,
  call: CoreCall,
  options: RunOptions,
): Promise<RequestReport> {
  const { item, environment } = planned;
  const { request } = item;
  const started = Date.now();
  const base = { path: item.path, name: item.name, folders: item.folders, provider: request.provider, captured: {} };
  const values = { vars, env: options.env, device: planned.deviceVars };
  const missing = new Set<string>();
  const payload = substituteVariables(item.payloadText, values);
  for (const name of payload.missing) missing.add(name);
  const filled = substituteDeep(
    {
      credential: planned.credential,
      target: request.target ?? planned.device?.target ?? '',
      options: { ...planned.profile?.defaults, ...request.options },
      assert: request.assert ?? DEFAULT_ASSERTIONS,
    },
    values,
    missing,
  );
  if (missing.size > 0) {
    // Only a capture that failed earlier in this run leaves one unset here (the plan checked the rest).
    const names = [...missing].map((name) => `{{${name}}}`).join(', ');
    return {
      ...base,
      verdict: 'error',
      checks: [],
      error: `Not sent: ${names} has no value, as the capture before it that sets it did not succeed.`,
      durationMs: 0,
    };
  }
  const captures = request.capture ?? {};
  const inboxes = environment === 'local' ? inboxesRead(request.provider, filled.assert, captures) : [];
  const before = await inboxSnapshot(call, inboxes);
  const sendId = randomUUID();
  let sent: CallOutput<'send.run'>;
  try {
    sent = await call('send.run', {
      sendId,
      request: {
        provider: request.provider,
        credential: filled.credential,
        environment,
        target: filled.target,
        options: filled.options,
        payload: payload.text,
        // One provider's request, checked by the contract's schema for that provider as it parses it.
      } as CallInput<'send.run'>['request'],
    });
  } catch (error) {
    const message = isAppError(error)
      ? `${error.message}${error.hint ? ` ${error.hint}` : ''}`
      : 'The send failed before it reached the service.';
    return { ...base, verdict: 'error', checks: [], error: message, durationMs: Date.now() - started };
  }
  const { result } = sent;
  const last = result.exchangeIds.at(-1);
  const exchange = last ? await call('exchanges.get', { id: last }).catch(() => null) : null;
  const delivered =
    inboxes.length > 0
      ? await newDeliveries(call, before, options.deliveryWaitMs ?? 3000)
      : {
          deliveries: {},
          ...(environment === 'local' ? {} : { inboxProblem: `inboxes are read only with --env local` }),
        };
  const observation: Observation = {
    provider: request.provider,
    outcome: result.outcome,
    status: result.status,
    reason: result.reason,
    durationMs: result.durationMs,
    messageIds: result.messageIds,
    responseHeaders: exchange?.responseHeaders ?? [],
    responseBody: exchange?.responseBody?.encoding === 'text' ? exchange.responseBody.data : null,
    ...delivered,
  };
  const checks = filled.assert.map((assertion) => checkAssertion(assertion, observation));
  const captured: Record<string, string> = {};
  for (const [name, capture] of Object.entries(captures)) {
    const taken = captureValue(capture, observation);
    if ('value' in taken) captured[name] = taken.value;
    else checks.push({ label: `capture ${name}`, ok: false, message: `capture ${name}: ${taken.problem}` });
  }
  const asksOutcome = filled.assert.some((assertion) => 'outcome' in assertion && assertion.outcome !== 'accepted');
  // No answer at all is the transport's failure, unless the request is about exactly that.
  const transportError = result.outcome === 'failed' && !asksOutcome;
  return {
    ...base,
    verdict: transportError ? 'error' : checks.every((c) => c.ok) ? 'passed' : 'failed',
    checks,
    ...(transportError
      ? {
          error:
            result.explanation ?? `No answer from ${request.provider}${result.reason ? ` (${result.reason})` : ''}.`,
        }
      : {}),
    result: { outcome: result.outcome, status: result.status, reason: result.reason, sendId: result.id },
    captured,
    durationMs: Date.now() - started,
  };
}

/**
 * Runs a collection's requests in order through the core's dispatcher, as sends from the
 * composer are: each is recorded in history. Values captured by one become `{{vars.*}}` for the
 * ones after it. Nothing is sent when a reference or variable is missing (`planCollection`).
 */
export async function runCollection(collection: Collection, call: CoreCall, options: RunOptions): Promise<RunReport> {
  const startedAt = new Date();
  const plan = await planCollection(collection, call, options);
  const captured: Record<string, string> = {};
  const reports: RequestReport[] = [];
  let stopped = false;
  for (const [index, planned] of plan.requests.entries()) {
    const { item } = planned;
    const report: RequestReport = stopped
      ? {
          path: item.path,
          name: item.name,
          folders: item.folders,
          provider: item.request.provider,
          verdict: 'skipped',
          checks: [],
          captured: {},
          durationMs: 0,
        }
      : await runOne(planned, { ...plan.variables(item, planned.environment), ...captured }, call, options);
    Object.assign(captured, report.captured);
    reports.push(report);
    options.onRequest?.(report, index, plan.requests.length);
    if (options.bail && report.verdict !== 'passed') stopped = true;
  }
  return {
    collection: collection.name,
    ...(options.environment ? { environment: options.environment } : {}),
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    requests: reports,
    counts: countVerdicts(reports),
  };
}
