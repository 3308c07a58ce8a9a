import { useState } from 'react';
import type { Provider } from '../../../shared/domain/exchange';
import { optionsJsonSchema, type JsonSchemaNode } from './option-schemas';
import { optionLabel } from './option-label';

type Options = Record<string, unknown>;

interface Props {
  provider: Provider;
  options: Options;
  onChange(options: Options): void;
}

/**
 * Headers and options, generated from the provider's option schema; the raw JSON view edits the
 * same object, so the two never drift apart.
 */
export function OptionsForm({ provider, options, onChange }: Props) {
  const [raw, setRaw] = useState(false);
  const schema = optionsJsonSchema(provider);
  const fields = Object.entries(schema.properties ?? {});
  return (
    <section className="options" aria-label="Options">
      <div className="section-head">
        <h3>Options</h3>
        <button type="button" className="link" data-testid="options-raw-toggle" onClick={() => setRaw(!raw)}>
          {raw ? 'Form' : 'Raw JSON'}
        </button>
      </div>
      {raw || fields.length === 0 ? (
        <RawOptions options={options} onChange={onChange} />
      ) : (
        <div className="option-grid">
          {fields.map(([name, node]) => (
            <Field key={name} name={name} path={[name]} node={node} options={options} onChange={onChange} />
          ))}
        </div>
      )}
    </section>
  );
}

function Field(props: {
  name: string;
  path: string[];
  node: JsonSchemaNode;
  options: Options;
  onChange(o: Options): void;
}) {
  const { name, path, options, onChange } = props;
  const node = unwrap(props.node);
  const value = getAt(options, path);
  const id = `opt-${path.join('-')}`;
  const set = (next: unknown) => onChange(setAt(options, path, next));
  const label = (
    <label htmlFor={id} title={node.description}>
      {node.title ?? optionLabel(name)}
    </label>
  );
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (node.enum) {
    return (
      <div className="field">
        {label}
        <select
          id={id}
          data-testid={id}
          value={value === undefined ? '' : String(value)}
          onChange={(event) => {
            const chosen = node.enum!.find((option) => String(option) === event.target.value);
            set(event.target.value === '' ? undefined : chosen);
          }}
        >
          <option value="">—</option>
          {node.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (types.includes('boolean')) {
    return (
      <div className="field field-check">
        <input
          id={id}
          data-testid={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => set(e.target.checked || undefined)}
        />
        {label}
      </div>
    );
  }
  if (types.includes('number') || types.includes('integer')) {
    return (
      <div className="field">
        {label}
        <input
          id={id}
          data-testid={id}
          type="number"
          min={node.minimum}
          max={node.maximum}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      </div>
    );
  }
  if (types.includes('object') && node.properties && path.length < 3) {
    return (
      <fieldset className="field-group">
        <legend title={node.description}>{node.title ?? optionLabel(name)}</legend>
        {Object.entries(node.properties).map(([child, childNode]) => (
          <Field
            key={child}
            name={child}
            path={[...path, child]}
            node={childNode}
            options={options}
            onChange={onChange}
          />
        ))}
      </fieldset>
    );
  }
  if (types.includes('string') || types.length === 0) {
    const isDate = node.format === 'date-time';
    return (
      <div className="field">
        {label}
        <input
          id={id}
          data-testid={id}
          type={isDate ? 'datetime-local' : 'text'}
          aria-describedby={node.description ? `${id}-help` : undefined}
          value={
            typeof value === 'string' ? (isDate ? value.slice(0, 16) : value) : value === undefined ? '' : String(value)
          }
          onChange={(e) =>
            set(e.target.value === '' ? undefined : isDate ? new Date(e.target.value).toISOString() : e.target.value)
          }
        />
        {/* The whole description under the field: as a placeholder it was cut off mid-word. */}
        {node.description && (
          <p id={`${id}-help`} className="hint field-help">
            {node.description}
          </p>
        )}
      </div>
    );
  }
  return null;
}

function RawOptions({ options, onChange }: { options: Options; onChange(o: Options): void }) {
  const [text, setText] = useState(() => JSON.stringify(options, null, 2));
  const [synced, setSynced] = useState(options);
  const [error, setError] = useState<string | null>(null);
  // Follow outside changes (a template, a preset) unless the user is mid-edit with invalid JSON.
  if (options !== synced && !error) {
    setSynced(options);
    setText(JSON.stringify(options, null, 2));
  }
  return (
    <div className="raw-options">
      <textarea
        data-testid="options-raw"
        aria-label="Options as JSON"
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed = JSON.parse(event.target.value || '{}');
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
              throw new Error('Options must be a JSON object.');
            setError(null);
            setSynced(parsed as Options);
            onChange(parsed as Options);
          } catch (e) {
            setError(e instanceof SyntaxError ? `Not valid JSON yet: ${e.message}` : (e as Error).message);
          }
        }}
      />
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function unwrap(node: JsonSchemaNode): JsonSchemaNode {
  // Optional fields come through as anyOf [T, null]; the form shows T.
  if (node.anyOf) {
    // A union of literals (APNs priority 10 | 5 | 1) is a choice, not free input that could be 7.
    const choices = node.anyOf.filter((option) => option.type !== 'null');
    if (choices.length > 1 && choices.every((option) => option.const !== undefined)) {
      const { anyOf: _anyOf, ...rest } = node;
      return { ...rest, type: choices[0]!.type, enum: choices.map((option) => option.const) };
    }
    const real = node.anyOf.find((option) => option.type !== 'null');
    if (real) return { ...real, description: node.description ?? real.description };
  }
  return node;
}

function getAt(options: Options, path: string[]): unknown {
  let node: unknown = options;
  for (const part of path) node = node && typeof node === 'object' ? (node as Options)[part] : undefined;
  return node;
}

function setAt(options: Options, path: string[], value: unknown): Options {
  const [head, ...rest] = path;
  const copy = { ...options };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head!];
    else copy[head!] = value;
    return copy;
  }
  const child = (copy[head!] && typeof copy[head!] === 'object' ? copy[head!] : {}) as Options;
  const next = setAt(child, rest, value);
  if (Object.keys(next).length === 0) delete copy[head!];
  else copy[head!] = next;
  return copy;
}
