import { useEffect } from 'react';
import { useCommands } from '../../state/commands';
import type { CredentialItem } from '../../state/credentials';
import { useNhubRegistrations } from '../../state/nhub-registrations';

/** "Show registrations of …" in the command palette for each usable Notification Hubs credential on screen. */
export function useRegistrationsCommands(items: readonly CredentialItem[]): void {
  const provide = useCommands((state) => state.provide);
  const withdraw = useCommands((state) => state.withdraw);
  const open = useNhubRegistrations((state) => state.open);
  useEffect(() => {
    const hubs = items.filter((meta) => meta.kind === 'nhub' && !meta.secretMissing);
    provide(
      'nhub-registrations',
      hubs.map((meta) => ({
        id: `registrations-${meta.id}`,
        label: `Show registrations of ${meta.label}`,
        keywords: 'notification hubs nhub installations',
        run: () => open(meta.id),
      })),
    );
  }, [items, open, provide]);
  useEffect(() => () => withdraw('nhub-registrations'), [withdraw]);
}
