import { create } from 'zustand';

export const SECTIONS = [
  { id: 'compose', label: 'Compose', key: '1' },
  { id: 'credentials', label: 'Credentials', key: '2' },
  { id: 'devices', label: 'Devices', key: '3' },
  { id: 'exchanges', label: 'Exchanges', key: '4' },
  { id: 'history', label: 'History', key: '5' },
  { id: 'emulators', label: 'Emulators', key: '6' },
  { id: 'bulk', label: 'Bulk', key: '7' },
  { id: 'doctor', label: 'Doctor', key: '8' },
  { id: 'collections', label: 'Collections', key: '9' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

interface NavigationState {
  section: SectionId;
  go(section: SectionId): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  section: 'compose',
  go: (section) => set({ section }),
}));
