import { AppError } from '../../../../shared/errors';
import {
  nhubInstallationSchema,
  type NhubInstallation,
  type NhubInstallationInput,
  type NhubPatchOperation,
  type NhubRegistration,
  type NhubRegistrationFilter,
} from '../../../../shared/contract/nhub-registrations';
import { handleFilter } from '../../../../shared/providers/nhub/registration-handle';
import type { ResolvedCredential } from '../../credentials/types';
import type { LocalEnvironment } from '../../local/local-env';
import type { Transport, TransportResponse } from '../../transport/types';
import { headerValue } from '../../transport/types';
import { nhubBaseUrl, requireNhub } from './client';
import { parseRegistrationFeed, RegistrationFeedError } from './registration-feed';
import { managementError, type ManagementSubject } from './registrations-errors';
import type { SasTokenCache } from './sas';

/** The version both official SDKs send today; installations need 2015-01 or later. */
export const NHUB_MANAGEMENT_API_VERSION = '2020-06';

export interface ManagementContext {
  transport: Transport;
  credential: ResolvedCredential;
  /** Set exactly when talking to the local emulator. */
  local: LocalEnvironment | null;
  /** false: not recorded (the hub sample of a bulk send with recording off). Default on. */
  record?: boolean | undefined;
  /** Shorter than the transport's default when an answer is only worth waiting for briefly. */
  timeoutMs?: number;
}

interface Call {
  method: 'GET' | 'PUT' | 'PATCH' | 'DELETE';
  /** After `{hub}/`, already encoded. */
  path: string;
  query?: [string, string][];
  headers?: [string, string][];
  body?: string;
  subject: Omit<ManagementSubject, 'hubName' | 'keyName'>;
  /** Statuses that mean it worked. */
  ok: number[];
}

/**
 * The hub's registration and installation REST calls (Service Bus Explorer's surface), signed
 * with the SAS cache and sent through the shared transport, so each call is an exchange like a
 * send's. Answers other than success become the AppErrors of `registrations-errors.ts`.
 */
export class NhubRegistrationsClient {
  readonly #cache: SasTokenCache;

  constructor(cache: SasTokenCache) {
    this.#cache = cache;
  }

  async list(
    context: ManagementContext,
    input: { filter: NhubRegistrationFilter; top: number; continuationToken?: string | undefined },
  ): Promise<{ registrations: NhubRegistration[]; continuationToken: string | null }> {
    const query: [string, string][] = [['$top', String(input.top)]];
    let path = 'registrations/';
    if (input.filter.by === 'tag') path = `tags/${encodeURIComponent(input.filter.tag)}/registrations`;
    if (input.filter.by === 'handle') query.push(['$filter', handleFilter(input.filter.handle).expression]);
    if (input.continuationToken) query.push(['continuationtoken', input.continuationToken]);
    const response = await this.#send(context, {
      method: 'GET',
      path,
      query,
      subject: { action: 'list registrations' },
      ok: [200],
    });
    try {
      return {
        registrations: parseRegistrationFeed(response.body.toString('utf8')),
        continuationToken: headerValue(response.headers, 'x-ms-continuationtoken') || null,
      };
    } catch (error) {
      if (!(error instanceof RegistrationFeedError)) throw error;
      throw new AppError('NETWORK', `The hub's list of registrations could not be read: ${error.message}`);
    }
  }

  async getInstallation(context: ManagementContext, installationId: string): Promise<NhubInstallation> {
    const response = await this.#send(context, {
      method: 'GET',
      path: installationPath(installationId),
      subject: { action: 'read the installation', what: { noun: 'installation', id: installationId } },
      ok: [200],
    });
    const parsed = nhubInstallationSchema.safeParse(safeJson(response.body.toString('utf8')));
    if (!parsed.success) {
      throw new AppError('NETWORK', `The hub's answer for installation "${installationId}" is not an installation.`);
    }
    return parsed.data;
  }

  async putInstallation(context: ManagementContext, installation: NhubInstallationInput): Promise<void> {
    const { expiredPushChannel: _p, expirationTime: _e, lastUpdate: _l, ...writable } = installation;
    await this.#send(context, {
      method: 'PUT',
      path: installationPath(installation.installationId),
      headers: [['Content-Type', 'application/json']],
      body: JSON.stringify(writable),
      subject: { action: 'save the installation', what: { noun: 'installation', id: installation.installationId } },
      ok: [200, 201],
    });
  }

  async patchInstallation(
    context: ManagementContext,
    installationId: string,
    operations: NhubPatchOperation[],
  ): Promise<void> {
    await this.#send(context, {
      method: 'PATCH',
      path: installationPath(installationId),
      // The Update Installation page's type; both SDKs send the same array as application/json.
      headers: [['Content-Type', 'application/json-patch+json']],
      body: JSON.stringify(operations),
      subject: { action: 'change the installation', what: { noun: 'installation', id: installationId } },
      ok: [200, 201, 204],
    });
  }

  async deleteInstallation(context: ManagementContext, installationId: string): Promise<void> {
    await this.#send(context, {
      method: 'DELETE',
      path: installationPath(installationId),
      subject: { action: 'delete the installation', what: { noun: 'installation', id: installationId } },
      // The hub answers 204 even for an id it does not have (Delete Installation page).
      ok: [200, 204],
    });
  }

  async deleteRegistration(context: ManagementContext, registrationId: string): Promise<void> {
    await this.#send(context, {
      method: 'DELETE',
      path: `registrations/${encodeURIComponent(registrationId)}`,
      // Required by Delete Registration; `*` deletes whatever version the hub has.
      headers: [['If-Match', '*']],
      subject: { action: 'delete the registration', what: { noun: 'registration', id: registrationId } },
      ok: [200, 204],
    });
  }

  async #send(context: ManagementContext, call: Call): Promise<TransportResponse> {
    const secret = requireNhub(context.credential);
    const base = nhubBaseUrl(secret, context);
    const sas = this.#cache.get(context.credential.meta.id, secret);
    const query = [...(call.query ?? []), ['api-version', NHUB_MANAGEMENT_API_VERSION]]
      .map(([name, value]) => `${encodeURIComponent(name!)}=${encodeURIComponent(value!)}`)
      .join('&');
    const url = `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(secret.hubName)}/${call.path}?${query}`;
    const response = await context.transport.request({
      url,
      method: call.method,
      headers: [['Authorization', sas.token], ['x-ms-version', NHUB_MANAGEMENT_API_VERSION], ...(call.headers ?? [])],
      ...(call.body !== undefined ? { body: call.body } : {}),
      ...(context.local ? { tls: { ca: context.local.ca } } : {}),
      ...(context.timeoutMs !== undefined ? { timeoutMs: context.timeoutMs } : {}),
      ...(context.record !== undefined ? { record: context.record } : {}),
      meta: {
        purpose: 'other',
        provider: 'nhub',
        target: call.subject.what ? `${call.subject.what.noun} ${call.subject.what.id}` : call.path,
        notes: { operation: call.subject.action, sas: { keyName: secret.keyName, reused: sas.reused } },
      },
      secrets: [sas.token, sas.signature, secret.key],
    });
    if (call.ok.includes(response.status)) return response;
    if (response.status === 401) this.#cache.invalidate(context.credential.meta.id);
    throw managementError(
      response.status,
      response.body.toString('utf8'),
      { ...call.subject, hubName: secret.hubName, keyName: secret.keyName },
      headerValue(response.headers, 'retry-after'),
    );
  }
}

function installationPath(installationId: string): string {
  return `installations/${encodeURIComponent(installationId)}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
