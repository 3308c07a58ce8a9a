import { useEffect, useState } from 'react';
import { environmentSchema, type Environment } from '../../../shared/domain/environment';
import { ErrorLine } from '../../components/ErrorLine';
import { useCollections } from '../../state/collections';
import { useCommands } from '../../state/commands';
import { useComposerHandoff } from '../../state/composer-handoff';
import { useCredentials } from '../../state/credentials';
import { useDevices } from '../../state/devices';
import { useNavigation } from '../../state/navigation';
import { useProfiles } from '../../state/profiles';
import { CollectionTree, requestKey } from './CollectionTree';
import { ImportPostmanDialog } from './ImportPostmanDialog';
import { RequestDetail } from './RequestDetail';
import { RunResults } from './RunResults';
import { requestForComposer } from './to-composer';
import './collections.css';

/**
 * The workspace's collections (`collections/<name>/`): a tree of their folders and requests, the
 * request chosen with its checks in words, Open in Compose, Run all / Run folder / Rerun failed
 * against the environment chosen, and a Postman import.
 */
export function CollectionsScreen() {
  const state = useCollections();
  const go = useNavigation((nav) => nav.go);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    void useCollections.getState().load();
    void useProfiles.getState().load();
    void useDevices.getState().load();
    void useCredentials.getState().load();
  }, []);

  useEffect(() => {
    const { provide, withdraw } = useCommands.getState();
    provide('collections', [
      {
        id: 'collections-import-postman',
        label: 'Import Postman collection…',
        keywords: 'postman import collections',
        run: () => setImporting(true),
      },
    ]);
    return () => withdraw('collections');
  }, []);

  // "Run collection…" from the palette: the choice is made here, where the Run all buttons are.
  useEffect(() => {
    if (!state.runAsked || state.busy || state.list.length === 0) return;
    state.askToRun(false);
    document.querySelector<HTMLButtonElement>('[data-testid="collection-run-all"]:not(:disabled)')?.focus();
  }, [state, state.runAsked, state.busy, state.list.length]);

  const selected = (() => {
    if (!state.selected) return null;
    for (const [name, open] of Object.entries(state.opened)) {
      const item = open.items.find((entry) => requestKey(name, entry.path) === state.selected);
      if (item) return { name, item };
    }
    return null;
  })();

  const openInCompose = (): string[] => {
    if (!selected) return [];
    const { request, notes } = requestForComposer(selected.item.request, selected.item.payloadText, {
      profiles: useProfiles.getState().profiles,
      credentials: useCredentials.getState().items,
      devices: useDevices.getState().devices,
    });
    useComposerHandoff.getState().hand(request, `collections/${selected.name}/${selected.item.path}`);
    // Unresolved names are worth reading before leaving: stay here to show them.
    if (notes.length === 0) go('compose');
    return notes.length > 0 ? [...notes, 'Open Compose (Ctrl+1) to see the request there.'] : [];
  };

  return (
    <div className="collections" data-testid="collections">
      <h1 className="screen-title">Collections</h1>
      <div className="toolbar">
        <label>
          Environment{' '}
          <select
            data-testid="collections-environment"
            value={state.environment}
            onChange={(event) => state.setEnvironment(event.target.value as Environment)}
          >
            {environmentSchema.options.map((environment) => (
              <option key={environment} value={environment}>
                {environment}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="collections-reload" onClick={() => void state.load()}>
          Reload
        </button>
        <button type="button" data-testid="collections-import-postman" onClick={() => setImporting(true)}>
          Import Postman collection…
        </button>
        <span className="hint">Files in the workspace’s collections/ folder; runs use the environment chosen.</span>
      </div>
      <ErrorLine error={state.error} testId="collections-error" />
      <div className="collections-body">
        <div className="collections-list">
          {state.list.length === 0 && !state.busy && (
            <p className="hint" data-testid="collections-empty">
              No collections yet. Save a send from Compose or History (“Save to collection…”), or import one from
              Postman.
            </p>
          )}
          <CollectionTree
            list={state.list}
            opened={state.opened}
            selected={state.selected}
            running={state.running !== null}
            onSelect={state.select}
            onRun={(name, scope, only) => void state.run(name, scope, only)}
          />
        </div>
        <div className="collections-side">
          <RunResults
            running={state.running}
            onRerunFailed={(paths) => state.report && void state.run(state.report.name, 'failed', paths)}
          />
          {selected ? (
            <RequestDetail
              key={state.selected}
              collection={selected.name}
              item={selected.item}
              onOpenInCompose={openInCompose}
            />
          ) : (
            <p className="hint">Select a request to see its file and what it checks.</p>
          )}
        </div>
      </div>
      {importing && <ImportPostmanDialog onClose={() => setImporting(false)} onImported={() => void state.load()} />}
    </div>
  );
}
