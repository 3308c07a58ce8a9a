import { useEffect } from 'react';
import { providerSpec } from '../../../shared/providers';
import { formatTime } from '../../../shared/time-format';
import { CauseView } from '../../components/DiagnosisView';
import { ErrorLine } from '../../components/ErrorLine';
import { TargetNameView, useTargetNamer } from '../../components/TargetName';
import { DOCTOR_WINDOW, useDoctor } from '../../state/doctor';
import { useExchangeFocus } from '../../state/exchange-focus';
import { useNavigation } from '../../state/navigation';
import { TokenDoctorPanel } from './TokenDoctorPanel';
import './doctor.css';

/** The last failures grouped by their most likely cause, with counts, the evidence and the fix. */
export function DoctorScreen() {
  const state = useDoctor();
  const go = useNavigation((nav) => nav.go);
  const focusExchange = useExchangeFocus((focus) => focus.focus);
  const nameOf = useTargetNamer();

  useEffect(() => {
    void useDoctor.getState().load();
    return useDoctor.getState().listen();
  }, []);

  return (
    <div className="doctor" data-testid="doctor">
      <h1 className="screen-title">Doctor</h1>
      <p className="hint" data-testid="doctor-summary">
        {state.loaded
          ? `${state.diagnosed.toLocaleString()} of the last ${state.read.toLocaleString()} sends (up to ${DOCTOR_WINDOW}) had a problem, by most likely cause.`
          : 'Reading history…'}
      </p>
      <TokenDoctorPanel />
      <ErrorLine error={state.error} />
      {state.loaded && state.groups.length === 0 && (
        <p data-testid="doctor-empty">No failures in the last sends. A refused or failed send shows up here.</p>
      )}
      <ol className="stack-list">
        {state.groups.map((group) => {
          const exchangeId = group.latest.exchangeIds.at(-1);
          return (
            <li key={group.id} className="doctor-group panel" data-testid="doctor-group" data-cause={group.id}>
              <div className="doctor-group-head">
                <strong className="doctor-count" data-testid="doctor-count">
                  {group.count.toLocaleString()} ×
                </strong>
                <span>{providerSpec(group.provider).label}</span>
                {group.latest.reason && <code>{group.latest.reason}</code>}
              </div>
              <CauseView cause={group.cause} />
              <p className="hint">
                Last: {formatTime(group.latest.startedAt, { date: true })} to{' '}
                <TargetNameView name={nameOf(group.provider, group.latest.target)} />{' '}
                {exchangeId && (
                  <button
                    type="button"
                    className="link"
                    data-testid="doctor-open-exchange"
                    onClick={() => {
                      focusExchange(exchangeId);
                      go('exchanges');
                    }}
                  >
                    Open the exchange
                  </button>
                )}
              </p>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
