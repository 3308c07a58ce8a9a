import { EmptyState } from '../../app/EmptyState';

export function DevicesScreen() {
  return (
    <EmptyState title="Devices">
      <p>
        Saved targets of every kind: APNs tokens, FCM tokens and topics, WNS channels, Web Push subscriptions and
        Notification Hubs tags.
      </p>
    </EmptyState>
  );
}
