import { useEffect, useState } from 'react';
import type { SchemaNode } from '../../../../shared/live-activity/contract-schema';
import {
  DATE_ENCODING_HELP,
  DATE_ENCODING_WORDS,
  DATE_ENCODINGS,
  type DateEncoding,
} from '../../../../shared/live-activity/date-encoding';
import { parseActivityAttributes, type SwiftProblem } from '../../../../shared/live-activity/swift-attributes';
import { DialogFooter } from '../../../components/DialogFooter';
import { ErrorLine } from '../../../components/ErrorLine';
import { ModalDialog } from '../../../components/ModalDialog';
import { useLiveActivity } from '../../../state/live-activity';
import { AttributesTypeInput } from './AttributesTypeInput';

interface Props {
  /** The payload's `attributes-type`, or the only contract's, as the starting point. */
  attributesType: string;
  onClose(): void;
  /** After a save or delete: preflight should run again against the new contract. */
  onChanged(): void;
}

const schemaText = (contentState: SchemaNode, attributes: SchemaNode) =>
  JSON.stringify({ contentState, attributes }, null, 2);

/**
 * Declares what one attributes type's ContentState and attributes are: paste the Swift struct
 * (read here, in the page) or edit the JSON Schema, pick the date strategy, save to the workspace.
 */
export function ContractDialog({ attributesType, onClose, onChanged }: Props) {
  const { contracts, error, busy, load, save, remove, sessionLayouts } = useLiveActivity();
  const [type, setType] = useState(attributesType);
  const existing = contracts.find((c) => c.attributesType === type) ?? null;
  const [swift, setSwift] = useState('');
  const [schema, setSchema] = useState('');
  const [dateEncoding, setDateEncoding] = useState<DateEncoding>('deferredToDate');
  const [problems, setProblems] = useState<SwiftProblem[]>([]);
  const [schemaError, setSchemaError] = useState<string | null>(null);

  useEffect(() => void load(), [load]);
  // Picking a type that has a contract shows what is saved for it, once per contract version: the
  // list being read again (the same contract, a new object) must not overwrite what is typed.
  const shownKey = existing ? `${existing.attributesType}@${existing.updatedAt}` : null;
  const [shown, setShown] = useState<string | null>(null);
  if (shownKey !== shown) {
    setShown(shownKey);
    if (existing) {
      setSwift(existing.swiftSource ?? '');
      setSchema(schemaText(existing.contentState, existing.attributes));
      setDateEncoding(existing.dateEncoding);
    }
  }

  function readSwift() {
    const result = parseActivityAttributes(swift);
    setProblems(result.problems);
    const activity = result.activities.find((a) => a.attributesType === type) ?? result.activities[0];
    if (!activity) return;
    setType(activity.attributesType);
    setSchema(schemaText(activity.contentState, activity.attributes));
    setSchemaError(null);
  }

  async function submit() {
    let parsed: { contentState?: SchemaNode; attributes?: SchemaNode };
    try {
      parsed = JSON.parse(schema) as typeof parsed;
    } catch {
      setSchemaError('The JSON Schema is not valid JSON; read the Swift declaration again or fix the text.');
      return;
    }
    if (!parsed.contentState || !parsed.attributes) {
      setSchemaError('The JSON Schema needs "contentState" and "attributes".');
      return;
    }
    setSchemaError(null);
    const ok = await save({
      attributesType: type.trim(),
      dateEncoding,
      contentState: parsed.contentState,
      attributes: parsed.attributes,
      ...(swift.trim() ? { swiftSource: swift } : {}),
      // The preview layout mapped for this type (saved, or for this session) stays with it.
      ...(existing?.preview || sessionLayouts[type.trim()]
        ? { preview: existing?.preview ?? sessionLayouts[type.trim()] }
        : {}),
    });
    if (ok) {
      onChanged();
      onClose();
    }
  }

  return (
    <ModalDialog title="Content-state contract" testId="contract-dialog" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p className="hint">
          What the app’s ActivityAttributes decode: preflight checks every content-state and a start’s attributes
          against it, key by key.
        </p>
        <div className="field">
          <label htmlFor="contract-type">Attributes type (the Swift struct’s name, as attributes-type says)</label>
          <AttributesTypeInput id="contract-type" value={type} onChange={setType} />
        </div>
        <div className="field">
          <label htmlFor="contract-swift">
            Swift declaration (the ActivityAttributes struct and the types it uses)
          </label>
          <textarea
            id="contract-swift"
            data-testid="contract-swift"
            rows={8}
            spellCheck={false}
            value={swift}
            onChange={(e) => setSwift(e.target.value)}
          />
          <div>
            <button type="button" data-testid="contract-read" disabled={!swift.trim()} onClick={readSwift}>
              Read Swift
            </button>
          </div>
          {problems.length > 0 && (
            <ul className="hint" data-testid="contract-problems">
              {problems.map((p) => (
                <li key={`${p.line}-${p.message}`}>
                  {p.severity === 'error' ? 'Not read' : 'Note'}, line {p.line}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="field">
          <label htmlFor="contract-date">How Date values are encoded</label>
          <select
            id="contract-date"
            data-testid="contract-date"
            value={dateEncoding}
            onChange={(e) => setDateEncoding(e.target.value as DateEncoding)}
          >
            {DATE_ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {encoding}: {DATE_ENCODING_WORDS[encoding]}
              </option>
            ))}
          </select>
          <p className="hint">{DATE_ENCODING_HELP}</p>
        </div>
        <div className="field">
          <label htmlFor="contract-schema">
            JSON Schema (contentState and attributes; edit it or read it from Swift)
          </label>
          <textarea
            id="contract-schema"
            data-testid="contract-schema"
            rows={8}
            spellCheck={false}
            value={schema}
            onChange={(e) => setSchema(e.target.value)}
          />
        </div>
        {schemaError && (
          <p className="field-error" role="alert" data-testid="contract-schema-error">
            {schemaError}
          </p>
        )}
        <ErrorLine error={error} testId="contract-error" />
        <DialogFooter
          onCancel={onClose}
          primary={busy ? 'Saving…' : 'Save'}
          primaryTestId="contract-save"
          primaryDisabled={busy || !type.trim() || !schema.trim()}
        >
          {existing && (
            <button
              type="button"
              className="danger"
              data-testid="contract-delete"
              onClick={() =>
                void remove(existing.attributesType).then((ok) => {
                  if (!ok) return;
                  onChanged();
                  onClose();
                })
              }
            >
              Delete
            </button>
          )}
        </DialogFooter>
      </form>
    </ModalDialog>
  );
}
