import { useRef, type KeyboardEvent } from 'react';
import type { Provider } from '../../../shared/domain/exchange';
import { PROVIDER_LIST } from '../../../shared/providers';

export const PROVIDER_PANEL_ID = 'provider-panel';
export const providerTabId = (provider: Provider) => `provider-tab-${provider}`;

/**
 * The provider tabs as the ARIA tabs pattern has them: one Tab stop (the selected tab), ←/→ and
 * Home/End move and select, and the composer below is their tabpanel.
 */
export function ProviderTabs({ provider, onSelect }: { provider: Provider; onSelect(provider: Provider): void }) {
  const refs = useRef<Partial<Record<Provider, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = PROVIDER_LIST.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = PROVIDER_LIST[next]!.id;
    onSelect(target);
    refs.current[target]?.focus();
  };
  return (
    <div role="tablist" aria-label="Provider" className="provider-tabs">
      {PROVIDER_LIST.map((item, index) => (
        <button
          key={item.id}
          ref={(element) => {
            refs.current[item.id] = element;
          }}
          type="button"
          role="tab"
          id={providerTabId(item.id)}
          aria-selected={item.id === provider}
          aria-controls={PROVIDER_PANEL_ID}
          tabIndex={item.id === provider ? 0 : -1}
          data-testid={`provider-${item.id}`}
          className={item.id === provider ? 'provider-tab active' : 'provider-tab'}
          onClick={() => onSelect(item.id)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
