import { isAppError } from '../../../../shared/errors';
import {
  HUB_SAMPLE_REGISTRATIONS,
  summarizeHubSample,
  type HubSampleDetail,
} from '../../../../shared/providers/nhub/hub-sample';
import type { NhubSendRequest } from '../../../../shared/providers/nhub/message';
import type { ProviderSendContext } from '../types';
import type { NotificationOutcome } from './outcome';
import { NhubRegistrationsClient } from './registrations';
import type { SasTokenCache } from './sas';

/** The sample waits at most this long, so a send that reached nobody still answers promptly. */
export const HUB_SAMPLE_TIMEOUT_MS = 3_000;

/** A tag or broadcast test send that the hub says reached no registration: Success 0, Failure 0. */
export function reachedNobody(request: NhubSendRequest, outcome: NotificationOutcome | undefined): boolean {
  return (
    request.options.targetKind !== 'direct' && outcome !== undefined && outcome.success === 0 && outcome.failure === 0
  );
}

/**
 * One page of the hub's registrations, read with the send's own key and SAS cache, summarised
 * for the doctor (which tags exist, which FcmV1 templates the send would have reached). Listing
 * needs the Manage right: a refusal, a timeout or any other failure becomes the sample's
 * `unavailable` sentence, never the send's failure.
 */
export async function readHubSample(
  request: NhubSendRequest,
  context: ProviderSendContext,
  cache: SasTokenCache,
): Promise<HubSampleDetail> {
  try {
    const page = await new NhubRegistrationsClient(cache).list(
      {
        transport: context.transport,
        credential: context.credential,
        local: context.local,
        record: context.record,
        timeoutMs: HUB_SAMPLE_TIMEOUT_MS,
      },
      { filter: { by: 'all' }, top: HUB_SAMPLE_REGISTRATIONS },
    );
    return {
      sample: summarizeHubSample({
        registrations: page.registrations,
        more: page.continuationToken !== null,
        expression: request.options.targetKind === 'tags' ? request.target : null,
        format: request.options.format,
      }),
    };
  } catch (error) {
    return {
      unavailable: isAppError(error) ? error.message : "The hub's registrations could not be read for the doctor.",
    };
  }
}
