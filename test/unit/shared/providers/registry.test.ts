import { describe, expect, it } from 'vitest';
import { createProviders } from '../../../../main/core/providers/registry';
import { credentialKindSchema } from '../../../../shared/domain/credential';
import { providerSchema } from '../../../../shared/domain/exchange';
import { sendRequestSchema } from '../../../../shared/domain/send-request';
import { detectTarget } from '../../../../shared/providers/detect-target';
import { PROVIDER_IDS, PROVIDER_LABELS, PROVIDER_SPECS, providerSpec } from '../../../../shared/providers';
import { parseXml } from '../../../../shared/xml/parse';
import { SAMPLE_TARGETS } from '../../../support/sample-targets';

const PROVIDERS = createProviders();

describe('the provider registry', () => {
  it('has one spec per provider id, under its own id, named as ids.ts names it', () => {
    expect(Object.keys(PROVIDER_SPECS).sort()).toEqual([...providerSchema.options].sort());
    expect(PROVIDER_IDS).toEqual(providerSchema.options);
    for (const id of PROVIDER_IDS) {
      expect(providerSpec(id).id).toBe(id);
      expect(providerSpec(id).label).toBe(PROVIDER_LABELS[id]);
      expect(providerSpec(id).sendSchema.shape.provider.value).toBe(id);
    }
  });

  it('gives every credential kind to exactly one provider', () => {
    const owners = PROVIDER_IDS.flatMap((id) => providerSpec(id).credentialKinds.map((kind) => [kind, id] as const));
    expect(owners.map(([kind]) => kind).sort()).toEqual([...credentialKindSchema.options].sort());
  });

  it.each(PROVIDER_IDS)('%s: the starter draft is a valid send that passes preflight and fits', (id) => {
    const spec = providerSpec(id);
    const draft = spec.starterDraft;
    const request = sendRequestSchema.parse({
      provider: id,
      credential: 'c',
      environment: 'production',
      target: SAMPLE_TARGETS[id],
      options: draft.options,
      payload: draft.payload,
    });
    expect(spec.sendSchema.safeParse(request).success).toBe(true);
    // The core's preflight for the provider, as a send runs it (no credential yet).
    const errors = PROVIDERS[id].preflight(request as never, null).filter((issue) => issue.severity === 'error');
    expect(errors).toEqual([]);
    const reading = spec.payloadSize(draft.payload, request.options, SAMPLE_TARGETS[id]);
    expect(reading.bytes).toBeGreaterThan(0);
    expect(reading.bytes).toBeLessThanOrEqual(reading.limit);
    const language = spec.payloadLanguage(request.options);
    if (language === 'json') expect(() => JSON.parse(draft.payload)).not.toThrow();
    if (language === 'xml') expect(parseXml(draft.payload).ok).toBe(true);
  });

  it.each(PROVIDER_IDS)('%s: its sample target is detected as its own, and its templates parse', (id) => {
    const spec = providerSpec(id);
    expect(detectTarget(SAMPLE_TARGETS[id]).provider).toBe(id);
    expect(spec.templates.length).toBeGreaterThan(0);
    for (const template of spec.templates) {
      expect(spec.optionsSchema.safeParse(template.options).success, template.id).toBe(true);
    }
  });
});
