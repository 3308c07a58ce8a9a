import { EmptyState } from '../../app/EmptyState';

export function CredentialsScreen() {
  return (
    <EmptyState title="Credentials">
      <p>
        Import APNs keys and certificates, FCM service accounts, WNS, VAPID and Notification Hubs credentials. Secrets
        stay in the OS keychain.
      </p>
    </EmptyState>
  );
}
