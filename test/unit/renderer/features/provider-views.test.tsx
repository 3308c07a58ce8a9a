import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Preview } from '../../../../renderer/features/compose/previews/Preview';
import { renderDelivery } from '../../../../renderer/features/emulators/render-delivery';
import { PROVIDER_VIEWS } from '../../../../renderer/features/provider-views';
import { providerSchema, type Provider } from '../../../../shared/domain/exchange';

const apnsAlert = '{"aps":{"alert":{"title":"Hello","body":"From the test"}}}';
const fcmMessage = '{"message":{"notification":{"title":"Hello","body":"From the test"}}}';
const toast = '<toast><visual><binding template="ToastGeneric"><text>Hello</text></binding></visual></toast>';
const browser = '{"title":"Hello","body":"From the test"}';

const preview = (provider: Provider, payload: string, options: Record<string, unknown> = {}) =>
  renderToStaticMarkup(<Preview provider={provider} payload={payload} options={options} />);

describe('provider views', () => {
  it('has a preview and an inbox renderer for every provider', () => {
    for (const provider of providerSchema.options) {
      expect(typeof PROVIDER_VIEWS[provider].Preview).toBe('function');
      expect(typeof PROVIDER_VIEWS[provider].inbox).toBe('function');
    }
  });

  it("previews a Notification Hubs send as its format's own provider would", () => {
    expect(preview('nhub', apnsAlert, { format: 'apple' })).toBe(preview('apns', apnsAlert));
    expect(preview('nhub', fcmMessage, { format: 'fcmv1' })).toBe(preview('fcm', fcmMessage));
    expect(preview('nhub', fcmMessage, { format: 'gcm' })).toBe(preview('fcm', fcmMessage));
    expect(preview('nhub', toast, { format: 'windows', wnsType: 'wns/toast' })).toBe(
      preview('wns', toast, { type: 'toast' }),
    );
    expect(preview('nhub', browser, { format: 'browser' })).toBe(preview('webpush', browser));
    expect(preview('nhub', '{}', { format: 'template' })).toContain('No preview for the template format.');
    expect(preview('nhub', '{}')).toContain('No preview for the chosen format.');
  });

  it('does not render a delivery from a provider it does not know as Notification Hubs', () => {
    const stranger = {
      provider: 'carrier-pigeon',
      headers: { 'servicebusnotification-format': 'apple' },
      payload: '{"aps":{"alert":"Not a hub"}}',
    };
    expect(renderDelivery(stranger)).toEqual({ title: null, body: null, note: null });
    expect(renderDelivery({ ...stranger, provider: 'nhub' }).body).toBe('Not a hub');
  });
});
