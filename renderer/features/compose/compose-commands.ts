import { useEffect } from 'react';
import type { Provider } from '../../../shared/domain/exchange';
import { PROVIDER_LIST } from '../../../shared/providers';
import { SHORTCUT_MOD, useCommands, type Command } from '../../state/commands';

interface ComposeActions {
  /** Why Send cannot run now, or null when it can. */
  whyNotSend: string | null;
  canSendAnyway: boolean;
  send(): void;
  sendAnyway(): void;
  selectProvider(provider: Provider): void;
  toggleTabMovesFocus(): void;
  focusPayload(): void;
  focusTarget(): void;
  /** Only while the APNs tab is shown. */
  exportSimulatorFile: (() => void) | null;
}

/** The composer's actions in the command palette, for as long as the composer is on screen. */
export function useComposeCommands(actions: ComposeActions): void {
  const provide = useCommands((state) => state.provide);
  const withdraw = useCommands((state) => state.withdraw);
  useEffect(() => {
    const commands: Command[] = [
      {
        id: 'send',
        label: 'Send',
        shortcut: `${SHORTCUT_MOD}Enter`,
        disabledReason: actions.whyNotSend,
        run: actions.send,
      },
      ...(actions.canSendAnyway
        ? [{ id: 'send-anyway', label: 'Send anyway (against preflight)…', keywords: 'force', run: actions.sendAnyway }]
        : []),
      ...PROVIDER_LIST.map((item): Command => ({
        id: `provider-${item.id}`,
        label: `Compose for ${item.label}`,
        keywords: 'provider tab',
        run: () => actions.selectProvider(item.id),
      })),
      ...(actions.exportSimulatorFile
        ? [
            {
              id: 'simulator-file',
              label: 'Export for the iOS Simulator (.apns)…',
              keywords: 'simctl xcrun simulator apns file',
              run: actions.exportSimulatorFile,
            },
          ]
        : []),
      { id: 'focus-target', label: 'Go to the target field', keywords: 'device token', run: actions.focusTarget },
      { id: 'focus-payload', label: 'Go to the payload editor', run: actions.focusPayload },
      {
        id: 'tab-focus',
        label: 'Switch what Tab does in the payload editor',
        shortcut: `${SHORTCUT_MOD}M`,
        keywords: 'indent focus',
        run: actions.toggleTabMovesFocus,
      },
    ];
    provide('compose', commands);
  });
  useEffect(() => () => withdraw('compose'), [withdraw]);
}
