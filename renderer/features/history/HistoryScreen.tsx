import { EmptyState } from '../../app/EmptyState';

export function HistoryScreen() {
  return (
    <EmptyState title="History">
      <p>Past sends, grouped by time, searchable, and openable in the composer.</p>
    </EmptyState>
  );
}
