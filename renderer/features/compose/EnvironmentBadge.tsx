import type { Environment } from '../../../shared/domain/environment';

const LABEL: Record<Environment, string> = { production: 'PRODUCTION', sandbox: 'Sandbox', local: 'Local' };

/** Always visible next to the profile; production is red and shouted so nobody sends there by accident. */
export function EnvironmentBadge({ environment }: { environment: Environment }) {
  return (
    <span className={`env-badge env-${environment}`} data-testid="env-badge" title={`Environment: ${environment}`}>
      {LABEL[environment]}
    </span>
  );
}
