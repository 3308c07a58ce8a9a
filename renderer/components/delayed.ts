import { useEffect, useState } from 'react';

/**
 * True once `flag` has stayed true for `ms`: a busy word for work that is usually instant
 * (a search answers in tens of milliseconds) shows only when it is not, instead of flashing.
 */
export function useDelayedFlag(flag: boolean, ms: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) return;
    const timer = setTimeout(() => setShown(true), ms);
    return () => {
      clearTimeout(timer);
      setShown(false);
    };
  }, [flag, ms]);
  return flag && shown;
}
