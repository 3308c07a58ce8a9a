import type { SendResult } from '../../../shared/domain/send-result';
import type { SendRequest } from '../../../shared/domain/send-request';
import { AppError } from '../../../shared/errors';
import type { PreflightIssue } from '../../../shared/preflight/types';
import type { PreflightContext } from '../../../shared/live-activity/context';
import type { PreflightContextSource } from '../live-activity/preflight-context';
import type { CredentialResolver, ResolvedCredential } from '../credentials/types';
import type { EventBus } from '../events';
import { requireLocalEnvironment, type LocalEnvironment } from '../local/local-env';
import { diagnoseSend } from '../providers/registry';
import type { ProviderModule, ProviderModules } from '../providers/types';
import type { Transport } from '../transport/types';
import { RecentExchanges } from './recent-exchanges';

export interface SenderDeps {
  providers: ProviderModules;
  credentials: CredentialResolver;
  transport: Transport;
  events: EventBus;
  dataDir: string;
  /** What preflight needs beyond the request (Live Activity contracts and history); none when absent. */
  preflightContext?: PreflightContextSource;
}

export interface SendOptions {
  signal?: AbortSignal;
  /**
   * Send even when preflight found errors ("Send anyway", the CLI's --no-preflight); the result
   * then lists them in `sentAgainstPreflight`. Warnings never block.
   */
  ignorePreflight?: boolean;
  /** Credential and endpoints resolved once by `prepare` (bulk sends reuse them for every target). */
  prepared?: PreparedSend;
  /**
   * Emit `send.completed` with the request (history keeps it, so the send can be sent again) and
   * then `send.result` (default). Bulk sends announce only each target's final result.
   */
  announce?: boolean;
}

/** What a send needs besides the request, looked up once. */
export interface PreparedSend {
  credential: ResolvedCredential;
  local: LocalEnvironment | null;
  /** false: the sends made with this record no exchanges (a bulk run with recording off). */
  record?: boolean;
  /** Preflight's context without per-target history, for the sends that reuse this. */
  context?: PreflightContext;
}

export interface SendOutcome {
  result: SendResult;
  preflight: PreflightIssue[];
}

/**
 * The single path from "send this" to a SendResult, shared by the composer, the CLI and bulk
 * sends: resolve the credential, check it fits the provider, run preflight, pick endpoints for
 * the environment, send, and announce the result.
 */
export class Sender {
  readonly #deps: SenderDeps;
  readonly #exchanges: RecentExchanges;
  /** Per credential id, when a send with it was last accepted: a key that worked and now fails was revoked. */
  readonly #lastAccepted = new Map<string, string>();

  constructor(deps: SenderDeps) {
    this.#deps = deps;
    this.#exchanges = new RecentExchanges(deps.events);
  }

  async preflight(request: SendRequest): Promise<PreflightIssue[]> {
    const provider = this.#provider(request);
    let credential: ResolvedCredential | null = null;
    try {
      credential = await this.#deps.credentials.resolve(request.credential);
    } catch {
      credential = null;
    }
    return provider.preflight(request as never, credential, await this.#context(request, true));
  }

  async #context(request: SendRequest, withHistory: boolean): Promise<PreflightContext> {
    return this.#deps.preflightContext ? this.#deps.preflightContext(request, withHistory) : {};
  }

  /** Resolves the credential, checks it suits the provider, and finds local endpoints if needed. */
  async prepare(request: SendRequest): Promise<PreparedSend> {
    const provider = this.#provider(request);
    const credential = await this.#deps.credentials.resolve(request.credential, { forSend: true });
    if (!provider.credentialKinds.includes(credential.meta.kind)) {
      const wanted = provider.credentialKinds.join(' or ') || 'a different kind of credential';
      throw new AppError(
        'CREDENTIAL_INVALID',
        `"${credential.meta.label}" is a ${credential.meta.kind} credential; ${request.provider} needs ${wanted}.`,
      );
    }
    const local = request.environment === 'local' ? await requireLocalEnvironment(this.#deps.dataDir) : null;
    return { credential, local, context: await this.#context(request, false) };
  }

  async send(request: SendRequest, options: SendOptions = {}): Promise<SendOutcome> {
    const provider = this.#provider(request);
    const prepared = options.prepared ?? (await this.prepare(request));
    const { credential, local } = prepared;
    // A single send reads the target's history (a Live Activity's last timestamp); bulk sends reuse the prepared context.
    const checks = options.prepared ? (prepared.context ?? {}) : await this.#context(request, true);
    const preflight = provider.preflight(request as never, credential, checks);
    const errors = preflight.filter((issue) => issue.severity === 'error');
    if (errors.length > 0 && !options.ignorePreflight) {
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
      throw new AppError(
        'PREFLIGHT_FAILED',
        `${errors[0]!.message}${more}`,
        'Fix the payload or options, then send again, or send anyway to see how the service answers.',
      );
    }
    const context = {
      transport: this.#deps.transport,
      credential,
      local,
      ...(options.signal ? { signal: options.signal } : {}),
      record: prepared.record,
    };
    const sent = await provider.send(request as never, context);
    const result: SendResult =
      errors.length > 0
        ? { ...sent, sentAgainstPreflight: errors.map(({ code, message }) => ({ code, message })) }
        : sent;
    this.#diagnose(result, request, credential);
    if (options.announce !== false) {
      this.#deps.events.emit('send.completed', { request, result });
      this.#deps.events.emit('send.result', result);
    }
    return { result, preflight };
  }

  /**
   * Every refused or failed send carries its diagnosis, read from its own exchanges (and an accepted
   * one that reached no one). Cheap for the accepted sends of a bulk run: the rules look at the reason first.
   */
  #diagnose(result: SendResult, request: SendRequest, credential: ResolvedCredential): void {
    if (result.outcome === 'accepted') this.#lastAccepted.set(credential.meta.id, result.startedAt);
    const diagnosis = diagnoseSend({
      result,
      exchanges: this.#exchanges.get(result.exchangeIds),
      request: {
        environment: request.environment,
        target: request.target,
        options: request.options as Record<string, unknown>,
        payload: request.payload,
      },
      credential: {
        kind: credential.meta.kind,
        metadata: credential.meta.metadata,
        lastAcceptedAt: this.#lastAccepted.get(credential.meta.id) ?? null,
      },
    });
    if (diagnosis) result.diagnosis = diagnosis;
  }

  #provider(request: SendRequest): ProviderModule {
    return this.#deps.providers[request.provider] as ProviderModule;
  }
}
