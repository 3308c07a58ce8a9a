import type { SendResult } from '../../../shared/domain/send-result';
import type { SendRequest } from '../../../shared/domain/send-request';
import { AppError } from '../../../shared/errors';
import type { PreflightIssue } from '../../../shared/preflight/types';
import type { CredentialResolver, ResolvedCredential } from '../credentials/types';
import type { EventBus } from '../events';
import { requireLocalEnvironment, type LocalEnvironment } from '../local/local-env';
import type { ProviderModule, ProviderModules } from '../providers/types';
import type { Transport } from '../transport/types';

export interface SenderDeps {
  providers: ProviderModules;
  credentials: CredentialResolver;
  transport: Transport;
  events: EventBus;
  dataDir: string;
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

  constructor(deps: SenderDeps) {
    this.#deps = deps;
  }

  async preflight(request: SendRequest): Promise<PreflightIssue[]> {
    const provider = this.#provider(request);
    let credential: ResolvedCredential | null = null;
    try {
      credential = await this.#deps.credentials.resolve(request.credential);
    } catch {
      credential = null;
    }
    return provider.preflight(request as never, credential);
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
    return { credential, local };
  }

  async send(request: SendRequest, options: SendOptions = {}): Promise<SendOutcome> {
    const provider = this.#provider(request);
    const prepared = options.prepared ?? (await this.prepare(request));
    const { credential, local } = prepared;
    const preflight = provider.preflight(request as never, credential);
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
    if (options.announce !== false) {
      this.#deps.events.emit('send.completed', { request, result });
      this.#deps.events.emit('send.result', result);
    }
    return { result, preflight };
  }

  #provider(request: SendRequest): ProviderModule {
    return this.#deps.providers[request.provider] as ProviderModule;
  }
}
