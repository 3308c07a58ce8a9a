import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import type { Collection, CollectionItem } from '../../../shared/collections/schema';
import {
  placeholders,
  stringsIn,
  substituteVariables,
  unsetVariablesMessage,
} from '../../../shared/collections/variables';
import type { Device } from '../../../shared/domain/device';
import type { Environment } from '../../../shared/domain/environment';
import type { Profile } from '../../../shared/domain/profile';
import { AppError } from '../../../shared/errors';

/** A call through the core's dispatcher, as every caller makes it (the CLI's `callCore`, a handler's own). */
export type CoreCall = <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallOutput<N>>;

/** One request with its workspace references looked up, ready to be filled in and sent. */
export interface PlannedRequest {
  item: CollectionItem;
  environment: Environment;
  credential: string;
  profile: Profile | null;
  device: Device | null;
  /** `{{device.*}}`: label, id, target, platform and the device's own fields. */
  deviceVars: Record<string, string>;
}

export interface PlanOptions {
  /** `--env`: every request goes here, whatever its file or profile says. */
  environment?: Environment | undefined;
  /** `--vars FILE`, over the collection's own. */
  vars?: Readonly<Record<string, string>> | undefined;
  /** The process environment, for `{{env.NAME}}`. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface Plan {
  requests: PlannedRequest[];
  /** The variables every request starts from (captures add to them as the run goes). */
  variables(item: CollectionItem, environment: Environment): Record<string, string>;
}

function byNameOrId<T extends { id: string }>(list: readonly T[], name: (value: T) => string, wanted: string): T[] {
  const exact = list.filter((value) => value.id === wanted);
  return exact.length > 0 ? exact : list.filter((value) => name(value) === wanted);
}

/**
 * Looks up every request's profile, credential and device, and finds every variable that has no
 * value: all of it before anything is sent, so a run never stops halfway on a typo. A variable a
 * request before it captures counts as set.
 */
export async function planCollection(collection: Collection, call: CoreCall, options: PlanOptions): Promise<Plan> {
  const [profiles, devices, credentials] = await Promise.all([
    call('profiles.list', {}),
    call('devices.list', {}),
    call('credentials.list', {}),
  ]);
  const problems: string[] = [];
  const unset = new Map<string, string[]>();
  const captured = new Set<string>();
  const variables = (item: CollectionItem, environment: Environment) => ({
    ...item.scopeVariables,
    ...collection.meta.environments?.[environment],
    ...options.vars,
  });
  const requests: PlannedRequest[] = [];
  for (const item of collection.items) {
    const { request, path } = item;
    // References may use {{vars.*}} and {{env.*}} too (an imported collection's credential); one
    // still unset is reported below with the others, and not looked up.
    const preliminary = options.environment ?? request.environment ?? 'sandbox';
    const reference = (text: string | undefined) => {
      if (text === undefined) return undefined;
      const done = substituteVariables(text, { vars: variables(item, preliminary), env: options.env, device: {} });
      return done.missing.length > 0 ? null : done.text;
    };
    const profileRef = reference(request.profile);
    const credentialRef = reference(request.credential);
    const deviceRef = reference(request.device);
    let profile: Profile | null = null;
    if (profileRef) {
      const found = byNameOrId(profiles, (p) => p.name, profileRef).filter((p) => p.provider === request.provider);
      if (found.length !== 1) {
        problems.push(
          found.length === 0
            ? `${path}: no ${request.provider} profile is named "${profileRef}"`
            : `${path}: ${found.length} ${request.provider} profiles are named "${profileRef}"; name one by id`,
        );
      } else profile = found[0]!;
    }
    const credential = credentialRef ?? profile?.credentialId ?? '';
    if (credentialRef && byNameOrId(credentials, (c) => c.label, credentialRef).length === 0) {
      problems.push(`${path}: no credential is labelled "${credentialRef}"`);
    }
    let device: Device | null = null;
    if (deviceRef) {
      const found = byNameOrId(devices, (d) => d.label, deviceRef).filter((d) => d.provider === request.provider);
      if (found.length !== 1) {
        problems.push(
          found.length === 0
            ? `${path}: no ${request.provider} device is labelled "${deviceRef}"`
            : `${path}: ${found.length} ${request.provider} devices are labelled "${deviceRef}"; name one by id`,
        );
      } else device = found[0]!;
    }
    const environment = options.environment ?? request.environment ?? profile?.environment ?? 'sandbox';
    const deviceVars: Record<string, string> = device
      ? { label: device.label, id: device.id, target: device.target, platform: device.platform, ...device.fields }
      : {};
    const known = variables(item, environment);
    const texts = [item.payloadText, ...stringsIn({ ...request, payload: undefined })];
    for (const name of texts.flatMap(placeholders)) {
      const [scope, key] = name.split('.') as [string, string];
      const set =
        scope === 'vars'
          ? known[key] !== undefined || captured.has(key)
          : scope === 'env'
            ? options.env[key] !== undefined
            : deviceVars[key] !== undefined;
      if (!set) unset.set(name, [...(unset.get(name) ?? []), path]);
    }
    for (const name of Object.keys(request.capture ?? {})) captured.add(name);
    requests.push({ item, environment, credential, profile, device, deviceVars });
  }
  if (problems.length > 0 || unset.size > 0) {
    // Both at once: a run refused for a missing profile should not then be refused for a variable.
    const lines = [...problems, ...(unset.size > 0 ? [unsetVariablesMessage(unset)] : [])];
    throw new AppError(
      problems.length > 0 ? 'INVALID_INPUT' : 'UNSET_VARIABLE',
      lines.length === 1
        ? `${lines[0]!.replace(/\.$/, '')}. Nothing was sent.`
        : `Nothing was sent:\n  ${lines.join('\n  ')}`,
      problems.length > 0
        ? 'Run push-console sandbox init (or run --with-emulators) for the sandbox’s profiles and devices.'
        : 'Set vars in collection.json or --vars FILE, env.* in the environment; device.* needs a "device".',
    );
  }
  return { requests, variables };
}
