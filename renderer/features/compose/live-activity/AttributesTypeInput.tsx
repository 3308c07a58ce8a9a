import { useLiveActivity } from '../../../state/live-activity';

/** An attributes type, typed or picked from the workspace's contracts (both Live Activity dialogs). */
export function AttributesTypeInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const contracts = useLiveActivity((state) => state.contracts);
  return (
    <>
      <input id={id} data-testid={id} value={value} list={`${id}s`} onChange={(e) => onChange(e.target.value)} />
      <datalist id={`${id}s`}>
        {contracts.map((c) => (
          <option key={c.attributesType} value={c.attributesType} />
        ))}
      </datalist>
    </>
  );
}
