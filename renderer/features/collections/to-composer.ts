import type { CollectionRequest } from '../../../shared/collections/schema';
import type { Device } from '../../../shared/domain/device';
import type { Profile } from '../../../shared/domain/profile';
import type { SendRequest } from '../../../shared/domain/send-request';
import type { CredentialMeta } from '../../../shared/domain/credential';

/** What the workspace has, to turn a collection's references into the composer's values. */
export interface Workspace {
  profiles: readonly Profile[];
  credentials: readonly CredentialMeta[];
  devices: readonly Device[];
}

/**
 * A collection request as the composer's request. Its profile, credential and device are looked
 * up by name/label or id; `{{…}}` placeholders are left as written (the composer has no variables:
 * they are filled only by a run), so `notes` says which remain.
 */
export function requestForComposer(
  request: CollectionRequest,
  payloadText: string,
  workspace: Workspace,
): { request: SendRequest; notes: string[] } {
  const notes: string[] = [];
  const profile = request.profile
    ? workspace.profiles.find(
        (p) => p.provider === request.provider && (p.name === request.profile || p.id === request.profile),
      )
    : undefined;
  const credential = request.credential
    ? workspace.credentials.find((c) => c.id === request.credential || c.label === request.credential)
    : undefined;
  if (request.profile && !profile)
    notes.push(`This workspace has no ${request.provider} profile “${request.profile}”.`);
  if (request.credential && !credential) notes.push(`This workspace has no credential “${request.credential}”.`);
  const device = request.device
    ? workspace.devices.find(
        (d) => d.provider === request.provider && (d.label === request.device || d.id === request.device),
      )
    : undefined;
  if (request.device && !device) notes.push(`This workspace has no ${request.provider} device “${request.device}”.`);
  const options = { ...(profile?.defaults ?? {}), ...(request.options ?? {}) };
  const composed = {
    provider: request.provider,
    credential: profile?.credentialId ?? credential?.id ?? '',
    environment: request.environment ?? profile?.environment ?? 'local',
    target: request.target ?? device?.target ?? '',
    options,
    payload: prettyJson(payloadText),
  } as SendRequest;
  const unresolved = [...new Set(JSON.stringify(composed).match(/\{\{[^}]+\}\}/g) ?? [])];
  if (unresolved.length > 0) {
    notes.push(
      `${unresolved.join(', ')} ${unresolved.length === 1 ? 'stays' : 'stay'} as written: only a run of the collection fills variables.`,
    );
  }
  return { request: composed, notes };
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
