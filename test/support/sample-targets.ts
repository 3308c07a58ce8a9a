import { PROVIDER_IDENTITIES, PROVIDER_IDS, type Provider } from '../../shared/providers/ids';

/** A target each provider accepts (its detector's example), to make the starter drafts whole sends. */
export const SAMPLE_TARGETS = Object.fromEntries(
  PROVIDER_IDS.map((id) => [id, PROVIDER_IDENTITIES[id].detector.example]),
) as Record<Provider, string>;
