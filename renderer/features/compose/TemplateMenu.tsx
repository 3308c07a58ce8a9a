import type { Provider } from '../../../shared/domain/exchange';
import { providerSpec } from '../../../shared/providers';
import type { TemplateLike } from './template-draft';

interface Props {
  provider: Provider;
  /** Whether the current payload has edits that a template would replace. */
  dirty: boolean;
  /** The chosen template (its options, payload and example target), for the composer to adapt. */
  onPick(template: TemplateLike): void;
}

/** The provider's template gallery: each sets options and payload (and an example target when it has one). */
export function TemplateMenu({ provider, dirty, onPick }: Props) {
  const templates = providerSpec(provider).templates;
  if (templates.length === 0) return null;
  return (
    <select
      aria-label="Start from a template"
      data-testid="template-select"
      value=""
      title={templates.map((t) => `${t.name}: ${t.description}`).join('\n')}
      onChange={(event) => {
        const template = templates.find((t) => t.id === event.target.value);
        if (!template) return;
        if (dirty && !confirm(`Replace the current payload and options with “${template.name}”?`)) return;
        onPick(template);
      }}
    >
      <option value="">Templates…</option>
      {templates.map((template) => (
        <option key={template.id} value={template.id} title={template.description}>
          {template.name}
        </option>
      ))}
    </select>
  );
}
