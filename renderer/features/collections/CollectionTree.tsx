import type { CollectionEntry, CollectionSummary, OpenCollection } from '../../state/collections';

/** A folder of a collection in the tree: its requests and its sub-folders, in run order. */
interface Folder {
  name: string;
  /** The folder's names from the root, `/`-joined (`windows/toast`). */
  path: string;
  requests: CollectionEntry[];
  folders: Folder[];
}

function folderTree(items: readonly CollectionEntry[]): Folder {
  const root: Folder = { name: '', path: '', requests: [], folders: [] };
  for (const item of items) {
    let at = root;
    for (const name of item.folders) {
      const path = at.path ? `${at.path}/${name}` : name;
      let next = at.folders.find((folder) => folder.path === path);
      if (!next) {
        next = { name, path, requests: [], folders: [] };
        at.folders.push(next);
      }
      at = next;
    }
    at.requests.push(item);
  }
  return root;
}

/** The paths of a folder's requests, deeper folders' included, in run order. */
export function folderPaths(items: readonly CollectionEntry[], folder: string): string[] {
  return items
    .filter((item) => item.path.startsWith(`${folder}/`) && item.folders.join('/').startsWith(folder))
    .map((item) => item.path);
}

function count(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

export function requestKey(collection: string, path: string): string {
  return `${collection}/${path}`;
}

interface TreeProps {
  list: readonly CollectionSummary[];
  opened: Readonly<Record<string, OpenCollection>>;
  selected: string | null;
  running: boolean;
  onSelect(key: string): void;
  onRun(collection: string, scope: string, only?: string[]): void;
}

/**
 * Every collection with its folders and requests. Each row is a button (Tab reaches every one,
 * Enter selects); Run all and Run folder sit beside the row they run.
 */
export function CollectionTree(props: TreeProps) {
  return (
    <div className="collection-tree" data-testid="collection-tree">
      {props.list.map((summary) => {
        const open = props.opened[summary.name];
        return (
          <section key={summary.name} data-testid="collection" data-name={summary.name} aria-label={summary.title}>
            <div className="collection-row">
              <h2 className="collection-title">{summary.title}</h2>
              <span className="hint">{count(summary.requests, 'request')}</span>
              <span className="spacer" />
              <button
                type="button"
                data-testid="collection-run-all"
                disabled={props.running || summary.requests === 0}
                onClick={() => props.onRun(summary.name, 'all')}
              >
                Run all
              </button>
            </div>
            {summary.description && <p className="hint">{summary.description}</p>}
            {open && <FolderView collection={summary.name} folder={folderTree(open.items)} open={open} {...props} />}
          </section>
        );
      })}
    </div>
  );
}

function FolderView(props: TreeProps & { collection: string; folder: Folder; open: OpenCollection }) {
  const { collection, folder } = props;
  return (
    <ul className="collection-items">
      {folder.requests.map((item) => {
        const key = requestKey(collection, item.path);
        const assertions = item.request.assert?.length ?? 0;
        return (
          <li key={item.path}>
            <button
              type="button"
              className={`collection-request${props.selected === key ? ' selected' : ''}`}
              aria-current={props.selected === key ? 'true' : undefined}
              data-testid="collection-request"
              data-path={item.path}
              onClick={() => props.onSelect(key)}
            >
              <span className="provider-tag">{item.request.provider}</span>
              <span className="collection-request-name">{item.name}</span>
              <span className="hint">{assertions === 0 ? 'accepted (default)' : count(assertions, 'assertion')}</span>
            </button>
          </li>
        );
      })}
      {folder.folders.map((sub) => (
        <li key={sub.path} data-testid="collection-folder" data-folder={sub.path}>
          <div className="collection-row">
            <span className="collection-folder-name">▸ {sub.name}</span>
            <span className="spacer" />
            <button
              type="button"
              data-testid="collection-run-folder"
              aria-label={`Run folder ${sub.name}`}
              disabled={props.running}
              onClick={() => props.onRun(collection, `folder ${sub.path}`, folderPaths(props.open.items, sub.path))}
            >
              Run folder
            </button>
          </div>
          <FolderView {...props} folder={sub} />
        </li>
      ))}
    </ul>
  );
}
