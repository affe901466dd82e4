import { useCallback, useState } from 'react';

/** An action's failure, for the screen to show: `attempt(work)` clears it, runs the work and keeps what it threw. */
export function useAttempt() {
  const [error, setError] = useState<unknown>(null);
  const attempt = useCallback(async (work: () => Promise<void>): Promise<void> => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    }
  }, []);
  return { error, setError, attempt };
}
