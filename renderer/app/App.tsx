import { useEffect } from 'react';
import { onConnectionChange } from '../bridge';
import { useAppInfo } from '../state/app-info';
import { SECTIONS, useNavigation, type SectionId } from '../state/navigation';
import { ComposeScreen } from '../features/compose/ComposeScreen';
import { CredentialsScreen } from '../features/credentials/CredentialsScreen';
import { DevicesScreen } from '../features/devices/DevicesScreen';
import { ExchangesScreen } from '../features/exchanges/ExchangesScreen';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { EmulatorsScreen } from '../features/emulators/EmulatorsScreen';
import { BulkScreen } from '../features/devices/BulkScreen';
import { DoctorScreen } from '../features/doctor/DoctorScreen';
import { CollectionsScreen } from '../features/collections/CollectionsScreen';
import { useCollections } from '../state/collections';
import { SHORTCUT_MOD, useCommands, type Command } from '../state/commands';
import { CommandPalette } from './CommandPalette';
import { KeychainBanner } from './KeychainBanner';
import { LiveRegion } from './LiveRegion';
import { Sidebar } from './Sidebar';
import { ShortcutsHelp } from './ShortcutsHelp';
import { StatusBar } from './StatusBar';

const SCREENS: Record<SectionId, () => React.JSX.Element> = {
  compose: ComposeScreen,
  credentials: CredentialsScreen,
  devices: DevicesScreen,
  exchanges: ExchangesScreen,
  history: HistoryScreen,
  emulators: EmulatorsScreen,
  bulk: BulkScreen,
  doctor: DoctorScreen,
  collections: CollectionsScreen,
};

/** The screens and the window's own actions, for the command palette. */
function appCommands(go: (section: SectionId) => void): Command[] {
  const screens = SECTIONS.map((item): Command => ({
    id: `go-${item.id}`,
    label: `Go to ${item.label}`,
    shortcut: `${SHORTCUT_MOD}${item.key}`,
    keywords: 'screen section',
    run: () => go(item.id),
  }));
  return [
    ...screens,
    {
      id: 'collections-run',
      label: 'Run collection…',
      keywords: 'collections run all test assertions',
      run: () => {
        useCollections.getState().askToRun(true);
        go('collections');
      },
    },
    {
      id: 'shortcuts',
      label: 'Show keyboard shortcuts',
      shortcut: `${SHORTCUT_MOD}/`,
      keywords: 'help keys',
      run: () => useCommands.getState().setShortcutsOpen(true),
    },
  ];
}

export function App() {
  const section = useNavigation((state) => state.section);
  const go = useNavigation((state) => state.go);
  const load = useAppInfo((state) => state.load);
  const setConnected = useAppInfo((state) => state.setConnected);

  useEffect(() => {
    onConnectionChange((connected) => {
      setConnected(connected);
      if (connected) void load();
    });
    void load();
  }, [load, setConnected]);

  const provide = useCommands((state) => state.provide);
  useEffect(() => {
    provide('app', appCommands(go));
  }, [go, provide]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const target = SECTIONS.find((item) => item.key === event.key);
      if (!target) return;
      event.preventDefault();
      go(target.id);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  const Screen = SCREENS[section];
  return (
    <div className="app-frame" data-testid="app-frame">
      <Sidebar />
      <main className="main-area">
        <KeychainBanner />
        <Screen />
      </main>
      <StatusBar />
      <ShortcutsHelp />
      <CommandPalette />
      <LiveRegion />
    </div>
  );
}
