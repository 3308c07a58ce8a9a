import { PROVIDER_PACKAGES } from '../../main/core/providers/registry';
import { PROVIDER_IDS, type Provider } from '../../shared/providers/ids';

/** A target each provider accepts (its package's example), to make the starter drafts whole sends. */
export const SAMPLE_TARGETS = Object.fromEntries(
  PROVIDER_IDS.map((id) => [id, PROVIDER_PACKAGES[id].exampleTarget]),
) as Record<Provider, string>;
