import { create } from 'zustand';

/** Which exchange another screen asked the exchange viewer to open. */
interface ExchangeFocus {
  exchangeId: string | null;
  focus(id: string | null): void;
}

export const useExchangeFocus = create<ExchangeFocus>((set) => ({
  exchangeId: null,
  focus: (exchangeId) => set({ exchangeId }),
}));
