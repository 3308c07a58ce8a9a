import { useEffect, useMemo, useState } from 'react';
import type { Provider } from '../../../shared/domain/exchange';
import { PROVIDER_LIST } from '../../../shared/providers';
import { useBulk } from '../../state/bulk';
import { useComposer } from '../../state/composer';
import { useDevices } from '../../state/devices';
import { useProfiles } from '../../state/profiles';
import { BulkPanel } from './BulkPanel';
import './devices.css';

/**
 * Bulk sends in plain sight: the run on screen (or the last one) with its results, and a new one
 * from devices ticked here (the same selection as the Devices screen's) or from a pasted list.
 * The panel, the run and the form are the Devices screen's own (`BulkPanel`, `useBulk`).
 */
export function BulkScreen() {
  const devices = useDevices();
  const { load } = devices;
  const loadProfiles = useProfiles((s) => s.load);
  const loadComposer = useComposer((s) => s.load);
  const pasting = useBulk((s) => s.form.pasting);
  const setForm = useBulk((s) => s.setForm);
  useEffect(() => {
    void load();
    void loadProfiles();
    void loadComposer();
  }, [load, loadProfiles, loadComposer]);

  const selected = devices.devices.filter((d) => devices.selected.has(d.id));
  const firstSelected = selected[0]?.provider;
  const [provider, setProvider] = useState<Provider | null>(null);
  const shownProvider = provider ?? firstSelected ?? devices.devices[0]?.provider ?? 'apns';
  const listed = useMemo(
    () => devices.devices.filter((d) => d.provider === shownProvider && d.state === 'active'),
    [devices.devices, shownProvider],
  );

  return (
    <div className="bulk-screen" data-testid="bulk-screen">
      <h1 className="screen-title">Bulk send</h1>
      <p className="hint">
        Sends the composer&apos;s message for one provider to many targets at once, with progress, pause and cancel.
      </p>
      <div role="radiogroup" aria-label="Send to" className="field-row">
        <label>
          <input
            type="radio"
            name="bulk-source"
            data-testid="bulk-source-devices"
            checked={!pasting}
            onChange={() => setForm({ pasting: false })}
          />{' '}
          Saved devices ({selected.length} selected)
        </label>
        <label>
          <input
            type="radio"
            name="bulk-source"
            data-testid="bulk-source-paste"
            checked={pasting}
            onChange={() => setForm({ pasting: true })}
          />{' '}
          A pasted list or a file of targets
        </label>
      </div>
      {!pasting && (
        <section className="panel" aria-labelledby="bulk-devices-title">
          <div className="toolbar">
            <h2 id="bulk-devices-title" className="bulk-devices-title">
              Devices
            </h2>
            <select
              aria-label="Provider of the devices"
              data-testid="bulk-devices-provider"
              value={shownProvider}
              onChange={(e) => {
                setProvider(e.target.value as Provider);
                devices.selectOnly([]);
              }}
            >
              {PROVIDER_LIST.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => devices.selectOnly(listed.map((d) => d.id))}>
              Select all {listed.length}
            </button>
            <button type="button" onClick={() => devices.selectOnly([])}>
              Clear selection
            </button>
          </div>
          {listed.length === 0 ? (
            <p className="hint">No active {shownProvider} devices. Add or import them on the Devices screen.</p>
          ) : (
            <ul className="bulk-device-list" data-testid="bulk-device-list">
              {listed.map((device) => (
                <li key={device.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={devices.selected.has(device.id)}
                      onChange={() => devices.toggle(device.id)}
                    />{' '}
                    {device.label} <span className={`env-badge env-${device.environment}`}>{device.environment}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {pasting ? <BulkPanel key="paste" devices={[]} paste /> : <BulkPanel key="selected" devices={selected} />}
    </div>
  );
}
