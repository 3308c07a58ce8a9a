import { EmptyState } from '../../app/EmptyState';

export function ExchangesScreen() {
  return (
    <EmptyState title="Exchanges">
      <p>Every HTTP request and response Push Console makes, as it went over the wire.</p>
    </EmptyState>
  );
}
