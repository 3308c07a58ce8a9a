import { useMemo, useState } from 'react';
import type { Provider } from '../../../shared/domain/exchange';
import type { Profile } from '../../../shared/domain/profile';
import { useProfiles } from '../../state/profiles';
import { EnvironmentBadge } from './EnvironmentBadge';
import { ProfileEditor } from './ProfileEditor';

interface Props {
  provider: Provider;
  profileId: string | null;
  onSelect(profileId: string | null): void;
}

export function ProfileBar({ provider, profileId, onSelect }: Props) {
  const all = useProfiles((state) => state.profiles);
  const profiles = useMemo(() => all.filter((p) => p.provider === provider), [all, provider]);
  const [editing, setEditing] = useState<Profile | 'new' | null>(null);
  const selected = profiles.find((p) => p.id === profileId) ?? null;
  return (
    <div className="profile-bar">
      <label htmlFor="profile-select">Profile</label>
      <select
        id="profile-select"
        data-testid="profile-select"
        value={selected?.id ?? ''}
        onChange={(event) => onSelect(event.target.value || null)}
      >
        <option value="">{profiles.length ? 'Choose a profile…' : 'No profiles yet'}</option>
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {/* Names like "Sandbox apns (local)" already say where they send. */}
            {profile.name.endsWith(`(${profile.environment})`)
              ? profile.name
              : `${profile.name} (${profile.environment})`}
          </option>
        ))}
      </select>
      {selected && <EnvironmentBadge environment={selected.environment} />}
      <button type="button" data-testid="profile-new" onClick={() => setEditing('new')}>
        New…
      </button>
      {selected && (
        <button type="button" data-testid="profile-edit" onClick={() => setEditing(selected)}>
          Edit…
        </button>
      )}
      {editing && (
        <ProfileEditor
          provider={provider}
          profile={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) onSelect(saved.id);
          }}
        />
      )}
    </div>
  );
}
