import { EmptyState } from '../../app/EmptyState';

export function EmulatorsScreen() {
  return (
    <EmptyState title="Emulators">
      <p>Local APNs, FCM, WNS, Web Push and Notification Hubs services for sending without an account.</p>
    </EmptyState>
  );
}
