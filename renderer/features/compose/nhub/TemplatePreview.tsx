import { expandTemplate } from '../../../../shared/providers/nhub/template';

export interface RegistrationTemplate {
  /** What the template is for, e.g. "windows toast (en)" or a registration id. */
  label: string;
  platform: string;
  template: string;
}

/** Template properties as typed in the payload editor: a JSON object of strings, or a reason it is not one. */
export function readProperties(payload: string): Record<string, string> | string {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch (error) {
    return `The template properties are not valid JSON: ${(error as Error).message}`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'Template properties must be a JSON object.';
  const entries = Object.entries(value as Record<string, unknown>);
  const wrong = entries.filter(([, v]) => typeof v !== 'string').map(([k]) => k);
  if (wrong.length) return `Template properties must be strings; not: ${wrong.join(', ')}.`;
  return Object.fromEntries(entries) as Record<string, string>;
}

/**
 * What each registration template becomes with the properties being sent, before sending: the
 * hub expands `$(prop)`, `#(prop)`, `.(prop, n)`, `%(prop)` and `{'a' + $(b)}` per registration.
 * Properties a template needs but the send lacks are listed (they expand to empty text).
 */
export function TemplatePreview(props: { templates: readonly RegistrationTemplate[]; payload: string }) {
  const properties = readProperties(props.payload);
  if (typeof properties === 'string') {
    return (
      <div className="nhub-template-preview" data-testid="nhub-template-error" role="alert">
        {properties}
      </div>
    );
  }
  if (props.templates.length === 0) {
    return (
      <div className="nhub-template-preview" data-testid="nhub-template-empty">
        Add a registration template to see what each device would receive.
      </div>
    );
  }
  const sent = Object.keys(properties);
  return (
    <div className="nhub-template-preview">
      {props.templates.map((entry, index) => {
        const expansion = expandTemplate(entry.template, properties);
        const unused = sent.filter((name) => !expansion.used.some((u) => u.toLowerCase() === name.toLowerCase()));
        return (
          <section key={`${entry.label}-${index}`} data-testid="nhub-template-result" data-platform={entry.platform}>
            <h4>
              {entry.label} <small>({entry.platform})</small>
            </h4>
            <pre data-testid="nhub-template-payload">{expansion.payload}</pre>
            {expansion.missing.map((name) => (
              <p key={name} className="warning" data-testid="nhub-template-missing">
                Missing property “{name}”: it expands to empty text.
              </p>
            ))}
            {unused.length > 0 && (
              <p className="note" data-testid="nhub-template-unused">
                Not used by this template: {unused.join(', ')}
              </p>
            )}
          </section>
        );
      })}
    </div>
  );
}
