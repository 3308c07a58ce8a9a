import type { ShownError } from '../bridge';

/** What went wrong and, when main knows, what to do about it: every screen shows a failure so. */
export function ErrorLine({ error, testId }: { error: ShownError | null; testId?: string }) {
  if (!error) return null;
  return (
    <div className="field-error" role="alert" data-testid={testId}>
      <strong>{error.message}</strong>
      {error.hint && <div>{error.hint}</div>}
    </div>
  );
}
