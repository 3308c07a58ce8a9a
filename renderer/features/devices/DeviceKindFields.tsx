import { DEVICE_KINDS, type DeviceKind } from '../../../shared/domain/device';
import type { KindProblem } from '../../../shared/providers/apns/device-kinds';
import { DEVICE_KIND_HELP, DEVICE_KIND_WORDS } from '../../../shared/providers/apns/device-kinds';

export interface KindForm {
  kind: DeviceKind;
  attributesType: string;
  activityId: string;
}

/**
 * An APNs device's kind with the fields it brings: the attributes type for the Live Activity
 * kinds, the activity id for an update token. `problem` is said under the field it is about.
 */
export function DeviceKindFields({
  form,
  problem,
  samePushToStart,
  onChange,
}: {
  form: KindForm;
  problem: KindProblem | null;
  /** Another push-to-start device of this attributes type and environment, when there is one. */
  samePushToStart: string | null;
  onChange(patch: Partial<KindForm>): void;
}) {
  const errorOf = (field: KindProblem['field']) =>
    problem?.field === field ? (
      <p id={`device-${field}-error`} className="field-error" data-testid={`device-${field}-error`}>
        {problem.reason}
      </p>
    ) : null;
  const invalid = (field: KindProblem['field']) =>
    problem?.field === field
      ? { 'aria-invalid': true as const, 'aria-describedby': `device-${field}-error` }
      : { 'aria-describedby': `device-${field}-help` };
  return (
    <>
      <div className="field">
        <label htmlFor="device-kind">Kind</label>
        <select
          id="device-kind"
          data-testid="device-kind"
          value={form.kind}
          aria-describedby="device-kind-help"
          onChange={(e) => onChange({ kind: e.target.value as DeviceKind })}
        >
          {DEVICE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {DEVICE_KIND_WORDS[kind]}
            </option>
          ))}
        </select>
        <p id="device-kind-help" className="hint">
          {DEVICE_KIND_HELP[form.kind]}
        </p>
        {errorOf('kind')}
      </div>
      {form.kind !== 'token' && (
        <div className="field-row">
          <div className="field">
            <label htmlFor="device-attributesType">Attributes type</label>
            <input
              id="device-attributesType"
              data-testid="device-attributes-type"
              spellCheck={false}
              placeholder="DeliveryAttributes"
              value={form.attributesType}
              {...invalid('attributesType')}
              onChange={(e) => onChange({ attributesType: e.target.value })}
            />
            {problem?.field !== 'attributesType' && (
              <p id="device-attributesType-help" className="hint">
                The Swift ActivityAttributes type, as the payload’s attributes-type names it.
              </p>
            )}
            {errorOf('attributesType')}
          </div>
          {form.kind === 'update' && (
            <div className="field">
              <label htmlFor="device-activityId">Activity id</label>
              <input
                id="device-activityId"
                data-testid="device-activity-id"
                spellCheck={false}
                value={form.activityId}
                {...invalid('activityId')}
                onChange={(e) => onChange({ activityId: e.target.value })}
              />
              {problem?.field !== 'activityId' && (
                <p id="device-activityId-help" className="hint">
                  ActivityKit’s activity.id, which this token updates.
                </p>
              )}
              {errorOf('activityId')}
            </div>
          )}
        </div>
      )}
      {samePushToStart && (
        <p className="hint" data-testid="device-kind-note">
          {samePushToStart} is already a push-to-start token for {form.attributesType.trim()}. Apple gives one per app
          and attributes type; if this is the same app, its new token replaces that one.
        </p>
      )}
    </>
  );
}
