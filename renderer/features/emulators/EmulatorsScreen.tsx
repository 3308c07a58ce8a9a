import { useEffect, useState } from 'react';
import { faultRuleWords } from '../../../shared/domain/fault-rule-words';
import { formatTime } from '../../../shared/time-format';
import { ErrorLine } from '../../components/ErrorLine';
import { TargetNameView, useTargetNamer } from '../../components/TargetName';
import { useEmulators } from '../../state/emulators';
import { PROVIDER_LIST } from '../../../shared/providers';
import { ActivitySequences } from './ActivitySequences';
import { activityStep } from './activity-sequence';
import { EmulatedDevices } from './EmulatedDevices';
import { LiveActivities } from './LiveActivities';
import { FaultForm } from './FaultForm';
import { renderDelivery } from './render-delivery';
import { SandboxCard } from './SandboxCard';
import './emulators.css';

export function EmulatorsScreen() {
  const state = useEmulators();
  const { refresh, loadInbox } = state;
  useEffect(() => {
    // The rules' hit counts moved while another screen was shown: read them again with the status.
    void refresh().then(loadInbox);
  }, [refresh, loadInbox]);
  const status = state.status;
  const running = status?.running === 'here';
  // One emulated device's inbox, or every device's; a device chosen under one tab means nothing under another.
  const [chosen, setChosen] = useState({ provider: state.provider, device: '' });
  const device = chosen.provider === state.provider ? chosen.device : '';
  const setDevice = (id: string) => setChosen({ provider: state.provider, device: id });
  const nameOf = useTargetNamer();
  const devices = [...new Set(state.inbox.map((delivery) => delivery.device))].sort();
  const inbox = device ? state.inbox.filter((delivery) => delivery.device === device) : state.inbox;

  return (
    <div className="emulators" data-testid="emulators">
      <h1 className="screen-title">Emulators</h1>
      <p className="hint">
        Strict local APNs, FCM, WNS, Web Push and Notification Hubs services on 127.0.0.1. Profiles in the{' '}
        <em>local</em> environment send here.
      </p>
      <SandboxCard />
      <div className="toolbar">
        {running ? (
          <button type="button" data-testid="emulators-stop" disabled={state.busy} onClick={() => void state.stop()}>
            Stop emulators
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            data-testid="emulators-start"
            disabled={state.busy}
            onClick={() => void state.start()}
          >
            Start emulators
          </button>
        )}
        <span data-testid="emulators-status">
          {status === null
            ? 'Checking…'
            : status.running === 'here'
              ? `Running in this app (${status.endpoints.length} services)`
              : status.running === 'elsewhere'
                ? `Running in another process (pid ${status.pid})`
                : status.available.length === 0
                  ? 'No emulators are built into this version.'
                  : 'Stopped'}
        </span>
      </div>
      <ErrorLine error={state.error} />
      {status && status.endpoints.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Service</th>
              <th>Address</th>
              <th>Delivered</th>
            </tr>
          </thead>
          <tbody>
            {status.endpoints.map((endpoint) => (
              <tr key={endpoint.provider}>
                <td>{endpoint.provider}</td>
                <td className="mono">{endpoint.baseUrl}</td>
                <td>{endpoint.deliveries >= 0 ? endpoint.deliveries : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {running && (
        <>
          <div role="tablist" className="provider-tabs" aria-label="Emulator">
            {PROVIDER_LIST.filter((p) => status.available.includes(p.id)).map((p) => (
              <button
                key={p.id}
                role="tab"
                aria-selected={state.provider === p.id}
                data-testid={`emulator-tab-${p.id}`}
                className={state.provider === p.id ? 'provider-tab active' : 'provider-tab'}
                onClick={() => void state.select(p.id)}
              >
                {p.label}
              </button>
            ))}
          </div>
          <EmulatedDevices key={state.provider} provider={state.provider} />
          {state.provider === 'apns' && <LiveActivities />}
          <section className="panel">
            <h3>Fault rules</h3>
            <FaultForm />
            {state.faults.length === 0 ? (
              <p className="hint">No faults: every request is answered as the real service would.</p>
            ) : (
              <ul className="fault-list">
                {state.faults.map((fault) => (
                  <li key={fault.id} data-testid="fault-rule">
                    <span data-testid="fault-rule-words">{faultRuleWords(fault)}</span>{' '}
                    <button
                      type="button"
                      className="link"
                      aria-label={`Remove the fault: ${faultRuleWords(fault)}`}
                      onClick={() => void state.removeFault(fault.id)}
                    >
                      remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" data-testid="inbox-panel" data-inbox-for={state.shownFor ?? ''}>
            <div className="section-head">
              <h3>Inbox ({inbox.length})</h3>
              <select
                aria-label="Device"
                data-testid="inbox-device"
                value={device}
                onChange={(e) => setDevice(e.target.value)}
              >
                <option value="">All devices ({devices.length})</option>
                {devices.map((id) => {
                  const name = nameOf(state.provider, id);
                  const shown = name.device ? `${name.device} · ${name.target}` : name.target;
                  return (
                    <option key={id} value={id}>
                      {shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}
                    </option>
                  );
                })}
              </select>
              <button type="button" className="link" onClick={() => void state.clearInbox()}>
                Clear
              </button>
            </div>
            {running && state.shownFor !== state.provider ? (
              <p className="hint">Reading the inbox…</p>
            ) : inbox.length === 0 ? (
              <p className="hint">Nothing delivered yet.</p>
            ) : (
              <>
                {state.provider === 'apns' && <ActivitySequences inbox={inbox} />}
                <ul className="stack-list" data-testid="emulator-inbox">
                  {inbox.map((delivery) => {
                    const shown = renderDelivery(delivery);
                    const step = activityStep(delivery);
                    return (
                      <li key={delivery.id} className="inbox-item" data-testid="inbox-item">
                        <div className="inbox-head">
                          <TargetNameView name={nameOf(delivery.provider, delivery.device)} />
                          <span className="mono">{formatTime(delivery.receivedAt)}</span>
                        </div>
                        <div className="notification-card" data-testid="inbox-rendered">
                          {shown.title && <strong data-testid="inbox-title">{shown.title}</strong>}
                          {shown.body && <span data-testid="inbox-body">{shown.body}</span>}
                          {shown.note && <em>{shown.note}</em>}
                          {step?.outcome === 'dropped' && (
                            <em data-testid="inbox-dropped">Dropped by the device: {step.dropped}</em>
                          )}
                          {shown.link && (
                            <span className="mono" data-testid="inbox-link">
                              Opens {shown.link}
                            </span>
                          )}
                          {shown.badge !== undefined && <span data-testid="inbox-badge">App badge {shown.badge}</span>}
                          {shown.actions && shown.actions.length > 0 && (
                            <span data-testid="inbox-actions">
                              {shown.actions.map((action) => `${action.title} → ${action.navigate}`).join(' · ')}
                            </span>
                          )}
                        </div>
                        <details>
                          <summary>Raw payload</summary>
                          <pre className="inbox-payload" data-testid="inbox-raw">
                            {delivery.payload}
                          </pre>
                        </details>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
