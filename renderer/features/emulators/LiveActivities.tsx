import { useState } from 'react';
import { call, toShownError, type ShownError } from '../../bridge';
import { ErrorLine } from '../../components/ErrorLine';
import { useDevices } from '../../state/devices';
import { useEmulators } from '../../state/emulators';

const TYPE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The APNs emulator's Live Activities: a push-to-start token for the sandbox app saved to Devices
 * (a start sent to it starts an emulated activity), and the activities it runs, each with its
 * current update token and a way to rotate it as ActivityKit does.
 */
export function LiveActivities() {
  const activities = useEmulators((state) => state.activities);
  const rotateToken = useEmulators((state) => state.rotateToken);
  const [type, setType] = useState('DeliveryAttributes');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const valid = TYPE_PATTERN.test(type);

  async function addToken() {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const saved = await call('sandbox.addPushToStartToken', { attributesType: type });
      await useDevices.getState().load();
      setDone(
        `${saved.added ? 'Saved' : 'Already in Devices:'} “${saved.label}”. A Live Activity start sent to it starts an emulated ${type} activity.`,
      );
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }

  async function rotate(activityId: string, name: string) {
    setDone(null);
    const rotated = await rotateToken(activityId);
    if (rotated) {
      setDone(
        `${name} has a new update token, ${rotated.token}. The old one, ${rotated.previousToken.slice(0, 12)}…, is now answered 410.`,
      );
    }
  }

  return (
    <section className="panel" data-testid="live-activities" aria-labelledby="live-activities-title">
      <h3 id="live-activities-title">Live Activities</h3>
      <p className="hint">
        The emulated iPhone runs Live Activities of the sandbox app. Save its push-to-start token to Devices, send it a
        Live Activity start from Compose, and send updates to the update token the start hands out.
      </p>
      <div className="toolbar">
        <label>
          Attributes type{' '}
          <input
            value={type}
            spellCheck={false}
            data-testid="push-to-start-type"
            aria-invalid={!valid}
            onChange={(e) => setType(e.target.value)}
          />
        </label>
        <button type="button" data-testid="push-to-start-add" disabled={busy || !valid} onClick={() => void addToken()}>
          Save a push-to-start token to Devices
        </button>
      </div>
      {!valid && (
        <p className="field-error">Enter the Swift name of your ActivityAttributes struct, like DeliveryAttributes.</p>
      )}
      {done && (
        <p role="status" data-testid="live-activities-done">
          {done}
        </p>
      )}
      <ErrorLine error={error} testId="live-activities-error" />
      {activities.length === 0 ? (
        <p className="hint">No emulated activities yet.</p>
      ) : (
        <table className="table" data-testid="activity-table">
          <thead>
            <tr>
              <th>Activity</th>
              <th>State</th>
              <th>Last timestamp</th>
              <th>Update token</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {activities.map((activity) => {
              const name = `${activity.attributesType ?? 'Activity'} ${activity.activityId.slice(0, 8)}`;
              return (
                <tr key={activity.activityId} data-testid="activity-row" data-activity-id={activity.activityId}>
                  <td>{name}</td>
                  <td>{activity.endedAt === undefined ? 'Running' : 'Ended'}</td>
                  <td className="mono">{activity.lastTimestamp ?? '—'}</td>
                  <td className="mono activity-token" data-testid="activity-token">
                    {activity.token}
                  </td>
                  <td>
                    <button
                      type="button"
                      data-testid="activity-rotate"
                      aria-label={`Rotate token of ${name}`}
                      onClick={() => void rotate(activity.activityId, name)}
                    >
                      Rotate token
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
