import { describe, expect, it } from 'vitest';
import type { NhubRegistration } from '../../../../../shared/contract/nhub-registrations';
import { hubSampleOf, summarizeHubSample } from '../../../../../shared/providers/nhub/hub-sample';
import { fcmV1TemplateEnvelope } from '../../../../../shared/providers/nhub/template';

function registration(fields: Partial<NhubRegistration>): NhubRegistration {
  return {
    registrationId: 'r',
    kind: 'FcmV1',
    platform: 'fcmv1',
    handle: 'secret-handle',
    tags: [],
    templateName: null,
    bodyTemplate: null,
    expirationTime: null,
    etag: null,
    installationId: null,
    ...fields,
  };
}

describe('the hub sample the doctor keeps', () => {
  const legacy = registration({
    registrationId: 'r-legacy',
    kind: 'FcmV1Template',
    tags: ['news', 'en'],
    bodyTemplate: '{"notification":{"title":"$(title)"},"data":{"n":#(n)}}',
  });
  const wrapped = registration({
    registrationId: 'r-wrapped',
    kind: 'FcmV1Template',
    tags: ['news'],
    bodyTemplate: '{"message":{"notification":{"title":"$(title)"}}}',
  });
  const native = registration({ registrationId: 'r-native', tags: ['sports', '$InstallationId:{phone-1}'] });
  const apple = registration({ registrationId: 'r-apple', kind: 'Apple', platform: 'apple', tags: ['news'] });
  const all = [legacy, wrapped, native, apple];

  it('counts tag and format matches and names the unwrapped FcmV1 templates the send reaches', () => {
    expect(summarizeHubSample({ registrations: all, more: false, expression: 'news', format: 'template' })).toEqual({
      read: 4,
      more: false,
      tags: ['en', 'news', 'sports'],
      tagsTruncated: false,
      tagMatches: 3,
      formatMatches: 2,
      unwrappedFcmV1: [{ registrationId: 'r-legacy', kind: 'FcmV1Template', keys: ['notification', 'data'] }],
    });
    const native1 = summarizeHubSample({
      registrations: all,
      more: false,
      expression: 'sports || en',
      format: 'fcmv1',
    });
    expect([native1.tagMatches, native1.formatMatches, native1.unwrappedFcmV1]).toEqual([2, 1, []]);
  });

  it('a broadcast matches every registration; an expression nobody has matches none', () => {
    expect(summarizeHubSample({ registrations: all, more: false, expression: null, format: 'apple' })).toMatchObject({
      tagMatches: 4,
      formatMatches: 1,
    });
    expect(
      summarizeHubSample({ registrations: all, more: true, expression: 'news && fr', format: 'template' }),
    ).toMatchObject({ tagMatches: 0, formatMatches: 0, unwrappedFcmV1: [], more: true });
  });

  it('is bounded: 100 registrations, 20 tags (saying it cut them), no handle and no template body', () => {
    const many = Array.from({ length: 130 }, (_, i) =>
      registration({ registrationId: `r${i}`, tags: [`t${String(i).padStart(3, '0')}`] }),
    );
    const sample = summarizeHubSample({ registrations: many, more: false, expression: 'x', format: 'fcmv1' });
    expect(sample.read).toBe(100);
    expect(sample.more).toBe(true);
    expect(sample.tags).toHaveLength(20);
    expect(sample.tags[0]).toBe('t000');
    expect(sample.tagsTruncated).toBe(true);
    const text = JSON.stringify(
      summarizeHubSample({ registrations: all, more: false, expression: 'news', format: 'template' }),
    );
    expect(text).not.toContain('secret-handle');
    expect(text).not.toContain('$(title)');
  });

  it('reads a template’s envelope before its properties are known, #(…) numbers included', () => {
    expect(fcmV1TemplateEnvelope(legacy.bodyTemplate!)).toEqual({ wrapped: false, keys: ['notification', 'data'] });
    expect(fcmV1TemplateEnvelope(wrapped.bodyTemplate!)).toEqual({ wrapped: true, keys: ['message'] });
    expect(fcmV1TemplateEnvelope('<toast/>')).toEqual({ wrapped: false, keys: null });
  });

  it('reads back only a well-formed sample from a result’s details', () => {
    const sample = summarizeHubSample({ registrations: all, more: false, expression: 'news', format: 'template' });
    expect(hubSampleOf({ hubSample: { sample } })).toEqual({ sample });
    expect(hubSampleOf({ hubSample: { unavailable: 'no right' } })).toEqual({ unavailable: 'no right' });
    expect(hubSampleOf({ hubSample: { sample: { read: 1 } } })).toBeNull();
    expect(hubSampleOf(undefined)).toBeNull();
  });
});
