import { useEffect, useState, type FormEvent } from 'react';
import type { CollectionRequest } from '../../../shared/collections/schema';
import { call, toShownError, type ShownError } from '../../bridge';
import { DialogFooter } from '../../components/DialogFooter';
import { ErrorLine } from '../../components/ErrorLine';
import { ModalDialog } from '../../components/ModalDialog';
import { useAnnouncements } from '../../state/announcements';

const NEW = '__new__';

/**
 * Save a request into a workspace collection, an existing one or a new one by name. A past send
 * (`sendId`: the composer's last result, a history entry) is saved by `collections.saveFromHistory`,
 * which names its credential and device and turns its answer into assertions; without one, the
 * composer's draft is saved as it stands (`collections.save`), checked only for being accepted.
 */
export function SaveToCollectionDialog(props: {
  source: { sendId: string } | { request: CollectionRequest };
  defaultName: string;
  onClose(): void;
}) {
  const [names, setNames] = useState<string[]>([]);
  const [choice, setChoice] = useState(NEW);
  const [newName, setNewName] = useState('');
  const [requestName, setRequestName] = useState(props.defaultName);
  const [error, setError] = useState<ShownError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('collections.list', {})
      .then((list) => {
        setNames(list.map((item) => item.name));
        if (list.length > 0) setChoice(list[0]!.name);
      })
      .catch((failure: unknown) => setError(toShownError(failure)));
  }, []);

  const collection = choice === NEW ? newName.trim() : choice;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = requestName.trim();
      const { file } =
        'sendId' in props.source
          ? await call('collections.saveFromHistory', {
              name: collection,
              sendId: props.source.sendId,
              ...(name ? { requestName: name } : {}),
            })
          : await call('collections.save', {
              name: collection,
              request: { ...props.source.request, ...(name ? { name } : {}) },
            });
      setSaved(`Saved as collections/${collection}/${file}.`);
      useAnnouncements.getState().announce(`Saved to the collection ${collection}.`);
    } catch (failure) {
      setError(toShownError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title="Save to collection" testId="save-collection-dialog" onClose={props.onClose}>
      <form onSubmit={(event) => void submit(event)} className="dialog-form">
        <label>
          Collection
          <select data-testid="save-collection-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            <option value={NEW}>New collection…</option>
          </select>
        </label>
        {choice === NEW && (
          <label>
            New collection’s name
            <input
              data-testid="save-collection-new-name"
              value={newName}
              required
              placeholder="e.g. smoke"
              onChange={(e) => setNewName(e.target.value)}
            />
          </label>
        )}
        <label>
          Request name
          <input
            data-testid="save-collection-request-name"
            value={requestName}
            onChange={(e) => setRequestName(e.target.value)}
          />
        </label>
        <p className="hint">
          {'sendId' in props.source
            ? 'The request names its credential and device (never a secret), and its answer becomes its assertions.'
            : 'Nothing has been sent yet: the request is saved with no assertions, so a run checks it is accepted.'}
        </p>
        <ErrorLine error={error} testId="save-collection-error" />
        {saved && (
          <p role="status" data-testid="save-collection-saved">
            {saved}
          </p>
        )}
        <DialogFooter
          onCancel={props.onClose}
          cancelLabel={saved ? 'Close' : 'Cancel'}
          primary={busy ? 'Saving…' : 'Save'}
          primaryTestId="save-collection-submit"
          primaryDisabled={busy || collection === '' || saved !== null}
        />
      </form>
    </ModalDialog>
  );
}
