import type { Provider } from '../../../shared/domain/exchange';
import type { Draft } from '../../../shared/domain/profile';

// The template gallery is wired to shared/templates/<provider>/ as each provider's templates land.
export function TemplateMenu(_props: { provider: Provider; onPick(template: Partial<Draft>): void }) {
  return null;
}
