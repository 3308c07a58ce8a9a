import { useEffect, useMemo, useState } from 'react';
import { DEVICE_KINDS, deviceKind, type Device, type DeviceKind } from '../../../shared/domain/device';
import { DEVICE_KIND_WORDS } from '../../../shared/providers/apns/device-kinds';
import { call, toShownError, type ShownError } from '../../bridge';
import { checkFileSize, fitsInline, uploadText } from '../../bridge/upload';
import { filterDevices, useDevices } from '../../state/devices';
import { useBulk } from '../../state/bulk';
import { useProfiles } from '../../state/profiles';
import { useComposer } from '../../state/composer';
import { ErrorLine } from '../../components/ErrorLine';
import { FileButton } from '../../components/FileButton';
import { BulkPanel } from './BulkPanel';
import { DeviceEditor } from './DeviceEditor';
import { ImportReport } from './ImportReport';
import { download } from './download';
import type { CallOutput } from '../../../shared/contract';
import './devices.css';

/** A file larger than one call goes up in chunks first (browser mode's frames are capped). */
async function readAndImport(
  file: File,
  format: 'csv' | 'json',
  validOnly: boolean,
  onProgress: (fraction: number) => void,
) {
  const text = await file.text();
  if (fitsInline(text)) return call('devices.import', { format, text, validOnly });
  const uploadId = await uploadText(text, file.size, 'devices-import', onProgress);
  return call('devices.import', { format, uploadId, validOnly });
}

type Refused = Extract<CallOutput<'devices.import'>, { ok: false }>;

export function DevicesScreen() {
  const state = useDevices();
  const { load } = state;
  const loadProfiles = useProfiles((s) => s.load);
  const loadComposer = useComposer((s) => s.load);
  const [editing, setEditing] = useState<Device | 'new' | null>(null);
  const pasting = useBulk((s) => s.form.pasting);
  const setBulkForm = useBulk((s) => s.setForm);
  const [message, setMessage] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ file: File; result: Refused } | null>(null);
  const [importError, setImportError] = useState<ShownError | null>(null);
  const [kindFilter, setKindFilter] = useState<DeviceKind | ''>('');

  useEffect(() => {
    void load();
    void loadProfiles();
    void loadComposer();
  }, [load, loadProfiles, loadComposer]);

  const shown = useMemo(
    () =>
      filterDevices(state.devices, state.query).filter(
        (d) => kindFilter === '' || (d.provider === 'apns' && deviceKind(d) === kindFilter),
      ),
    [state.devices, state.query, kindFilter],
  );
  const selected = state.devices.filter((d) => state.selected.has(d.id));
  const gone = state.devices.filter((d) => d.state === 'gone').length;

  async function importFile(file: File, validOnly = false) {
    const format = file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
    setImportError(null);
    setRefused(null);
    const tooLarge = checkFileSize(file, 'import');
    if (tooLarge) return setMessage(tooLarge);
    const result = await readAndImport(file, format, validOnly, (fraction) =>
      setMessage(`Uploading ${file.name}… ${Math.floor(fraction * 100)}%`),
    ).catch((error: unknown) => {
      // Not a row's problem (an upload refused, say): main's message and what to do next.
      setMessage('Nothing was imported.');
      setImportError(toShownError(error));
      return null;
    });
    if (result?.ok) {
      const skipped = result.skipped ? `; skipped ${result.skipped} bad row${result.skipped === 1 ? '' : 's'}` : '';
      setMessage(`Imported ${result.created} new and updated ${result.updated} existing devices${skipped}.`);
    } else if (result) {
      setMessage('Nothing was imported yet.');
      setRefused({ file, result });
    }
    await load();
  }

  async function exportAs(format: 'csv' | 'json') {
    const { text } = await call('devices.export', { format });
    download(`devices.${format}`, text, format === 'csv' ? 'text/csv' : 'application/json');
  }

  return (
    <div className="devices" data-testid="devices">
      <h1 className="screen-title">Devices</h1>
      <div className="toolbar">
        <input
          type="search"
          data-testid="devices-search"
          placeholder="Search label, target, tag…"
          value={state.query}
          onChange={(e) => state.setQuery(e.target.value)}
        />
        <select
          aria-label="Kind"
          data-testid="devices-kind-filter"
          value={kindFilter}
          onChange={(e) => setKindFilter(e.target.value as DeviceKind | '')}
        >
          <option value="">Every kind</option>
          {DEVICE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind === 'token' ? 'APNs device tokens' : `${DEVICE_KIND_WORDS[kind]}s`}
            </option>
          ))}
        </select>
        <button type="button" data-testid="device-add" onClick={() => setEditing('new')}>
          Add device
        </button>
        <FileButton accept=".csv,.json" testId="devices-import-file" onFile={(file) => void importFile(file)}>
          Import CSV/JSON…
        </FileButton>
        <button type="button" onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <button
          type="button"
          data-testid="devices-prune"
          disabled={gone === 0}
          onClick={() => {
            if (confirm(`Remove ${gone} device${gone === 1 ? '' : 's'} marked gone?`)) {
              void state.prune().then((n) => setMessage(`Removed ${n} gone device${n === 1 ? '' : 's'}.`));
            }
          }}
        >
          Prune gone ({gone})
        </button>
        <button
          type="button"
          data-testid="bulk-paste"
          aria-pressed={pasting}
          onClick={() => setBulkForm({ pasting: !pasting })}
        >
          Bulk send to a pasted list…
        </button>
      </div>
      {message && (
        <div className="banner" role="status" data-testid="devices-message">
          {message}
        </div>
      )}
      {refused && (
        <ImportReport
          fileName={refused.file.name}
          refused={refused.result}
          onImportValid={() => void importFile(refused.file, true)}
          onDismiss={() => {
            setRefused(null);
            setMessage('Nothing was imported.');
          }}
        />
      )}
      <ErrorLine error={importError} testId="devices-import-error" />
      <ErrorLine error={state.error} testId="devices-error" />
      {selected.length > 0 && (
        // Above the list, not under it: with 200 rows the panel below was thousands of pixels down.
        <div className="selection-bar" data-testid="selection-bar">
          <strong data-testid="selection-count">{selected.length} selected</strong>
          <button type="button" onClick={() => state.selectOnly([])}>
            Clear selection
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (confirm(`Delete ${selected.length} selected device${selected.length === 1 ? '' : 's'}?`))
                void state.remove(selected.map((d) => d.id));
            }}
          >
            Delete selected
          </button>
        </div>
      )}
      {pasting ? (
        <BulkPanel key="paste" devices={[]} paste />
      ) : (
        selected.length > 0 && <BulkPanel key="selected" devices={selected} />
      )}
      {state.loaded && state.devices.length === 0 ? (
        <p className="hint">No devices yet. Add one, import a CSV, or use “Try it locally” on the Emulators screen.</p>
      ) : (
        <table className="table" data-testid="devices-table">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label="Select all shown"
                  checked={shown.length > 0 && shown.every((d) => state.selected.has(d.id))}
                  onChange={(e) => {
                    state.selectOnly(e.target.checked ? shown.map((d) => d.id) : []);
                    // Ticking devices means "send to these": the panel leaves the pasted list (kept).
                    if (e.target.checked) setBulkForm({ pasting: false });
                  }}
                />
              </th>
              <th>Label</th>
              <th>Provider</th>
              <th>Env</th>
              <th>Kind</th>
              <th>Target</th>
              <th>Tags</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((device) => (
              <tr
                key={device.id}
                className={device.state === 'gone' ? 'row-gone' : ''}
                onDoubleClick={() => setEditing(device)}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${device.label}`}
                    checked={state.selected.has(device.id)}
                    onChange={() => {
                      if (!state.selected.has(device.id)) setBulkForm({ pasting: false });
                      state.toggle(device.id);
                    }}
                  />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(device)}>
                    {device.label}
                  </button>
                </td>
                <td>{device.provider}</td>
                <td>
                  <span className={`env-badge env-${device.environment}`}>{device.environment}</span>
                </td>
                <td data-testid="device-kind-cell">
                  {device.provider === 'apns' && deviceKind(device) !== 'token' ? (
                    <>
                      <span className="kind-badge">{DEVICE_KIND_WORDS[deviceKind(device)]}</span>
                      {device.attributesType && <span className="kind-type mono"> {device.attributesType}</span>}
                    </>
                  ) : device.provider === 'apns' ? (
                    DEVICE_KIND_WORDS.token
                  ) : null}
                </td>
                <td className="mono ellipsis" title={device.target}>
                  {device.target}
                </td>
                <td>{device.tags.join(', ')}</td>
                <td title={device.goneReason ? `${device.goneReason} at ${device.goneAt}` : ''}>{device.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <DeviceEditor device={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
