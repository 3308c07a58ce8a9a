import { useExchanges } from '../../state/exchanges';
import { copyText } from './actions';

/** A small button that copies one value and says so in a toast. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  const copy = async () => {
    const { setNotice, fail } = useExchanges.getState();
    try {
      await copyText(value);
      setNotice(`Copied ${label}.`);
    } catch (error) {
      fail(error);
    }
  };
  return (
    <button
      type="button"
      className="copy-value"
      aria-label={`Copy ${label}`}
      title={`Copy ${label}`}
      data-testid="copy-value"
      onClick={() => void copy()}
    >
      Copy
    </button>
  );
}
