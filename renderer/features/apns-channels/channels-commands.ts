import { useEffect } from 'react';
import { useApnsChannels } from '../../state/apns-channels';
import { useCommands } from '../../state/commands';
import type { CredentialItem } from '../../state/credentials';

/** "Show broadcast channels of …" in the command palette for each usable APNs credential on screen. */
export function useChannelsCommands(items: readonly CredentialItem[]): void {
  const provide = useCommands((state) => state.provide);
  const withdraw = useCommands((state) => state.withdraw);
  const open = useApnsChannels((state) => state.open);
  useEffect(() => {
    const keys = items.filter(
      (meta) => (meta.kind === 'apns-token' || meta.kind === 'apns-certificate') && !meta.secretMissing,
    );
    provide(
      'apns-channels',
      keys.map((meta) => ({
        id: `channels-${meta.id}`,
        label: `Show broadcast channels of ${meta.label}`,
        keywords: 'apns live activity broadcast channels ios 18',
        run: () => open(meta.id),
      })),
    );
  }, [items, open, provide]);
  useEffect(() => () => withdraw('apns-channels'), [withdraw]);
}
