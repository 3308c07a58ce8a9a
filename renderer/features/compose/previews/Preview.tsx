import type { Provider } from '../../../../shared/domain/exchange';
import { PROVIDER_VIEWS } from '../../provider-views';
import './previews.css';

/** The preview for the current provider (and for Notification Hubs, for the chosen format). */
export function Preview({
  provider,
  payload,
  options,
}: {
  provider: Provider;
  payload: string;
  options: Record<string, unknown>;
}) {
  const { Preview: Body } = PROVIDER_VIEWS[provider];
  return (
    <section className="preview" aria-label="Preview" data-testid="preview">
      <h3>Preview</h3>
      <Body payload={payload} options={options} />
    </section>
  );
}
