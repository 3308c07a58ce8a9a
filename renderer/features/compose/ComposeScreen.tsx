import { AppInfoPanel } from '../../app/AppInfoPanel';
import { EmptyState } from '../../app/EmptyState';

export function ComposeScreen() {
  return (
    <EmptyState title="Compose">
      <p>Pick a profile and a target, write the payload, and press Ctrl/Cmd+Enter to send.</p>
      <AppInfoPanel />
    </EmptyState>
  );
}
