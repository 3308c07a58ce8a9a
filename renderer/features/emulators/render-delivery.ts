import { providerSchema } from '../../../shared/domain/exchange';
import { PROVIDER_VIEWS } from '../provider-views';
import type { InboxDelivery, RenderedNotification } from './inbox-renderers';

export type { RenderedNotification } from './inbox-renderers';

/**
 * Best-effort preview for the inbox; the raw payload is always shown next to it. A delivery's
 * provider is a plain string on the wire: one this renderer does not know shows no preview.
 */
export function renderDelivery(delivery: InboxDelivery & { provider: string }): RenderedNotification {
  const provider = providerSchema.safeParse(delivery.provider);
  if (!provider.success) return { title: null, body: null, note: null };
  return PROVIDER_VIEWS[provider.data].inbox(delivery);
}
