import { useAnnouncements } from '../state/announcements';

/**
 * The one polite live region, always in the page so screen readers hear each change to it (a
 * region added together with its text is often not read). Screens announce through it rather
 * than making whole panels live.
 */
export function LiveRegion() {
  const text = useAnnouncements((state) => state.text);
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {text}
    </div>
  );
}
