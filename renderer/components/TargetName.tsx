import { useEffect, useMemo } from 'react';
import { targetNamer, targetNameText, type SentVia, type TargetName } from '../../shared/devices/display-name';
import { useDevices } from '../state/devices';
import { useProfiles } from '../state/profiles';

export type TargetNamer = (provider: string, target: string, via?: SentVia) => TargetName;

/** A namer over the saved devices and profiles (loaded once if no screen has yet), for a list's rows. */
export function useTargetNamer(): TargetNamer {
  const devices = useDevices((state) => state.devices);
  const profiles = useProfiles((state) => state.profiles);
  useEffect(() => {
    if (!useDevices.getState().loaded) void useDevices.getState().load();
    if (!useProfiles.getState().loaded) void useProfiles.getState().load();
  }, []);
  return useMemo(() => targetNamer({ devices, profiles }), [devices, profiles]);
}

/** A target in a list: the device's label and the profile's name, then the target (shortened for Web Push). */
export function TargetNameView({ name, className }: { name: TargetName; className?: string }) {
  return (
    <span className={`target-name ${className ?? ''}`} title={targetNameText(name)} data-testid="target-name">
      {name.device && (
        <span className="target-device" data-testid="target-device">
          {name.device}
        </span>
      )}
      {name.profile && (
        <span className="target-profile" data-testid="target-profile">
          {name.profile}
        </span>
      )}
      <span className="mono target-token">{name.target}</span>
    </span>
  );
}
