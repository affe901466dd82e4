import { useCallback, useEffect, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { invoke } from './api';

export interface InvokeState<T> {
  /** The latest answer; kept while a new input loads, so lists do not flicker. */
  data: T | null;
  /** True when `data` answers the current input (not an earlier one). */
  current: boolean;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Calls a channel whenever its input changes (compared by value) and keeps the latest answer;
 * `input = null` skips the call. Stale answers of an earlier input are dropped.
 */
export function useInvoke<C extends Channel>(channel: C, input: ChannelInput<C> | null): InvokeState<ChannelOutput<C>> {
  const [state, setState] = useState<{ data: ChannelOutput<C> | null; dataKey: string | null; error: unknown; loading: boolean }>({
    data: null,
    dataKey: null,
    error: null,
    loading: input !== null,
  });
  const [generation, setGeneration] = useState(0);
  const key = input === null ? null : JSON.stringify(input);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    invoke(channel, JSON.parse(key) as ChannelInput<C>).then(
      (data) => current && setState({ data, dataKey: key, error: null, loading: false }),
      (error: unknown) => current && setState({ data: null, dataKey: null, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [channel, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, current: state.dataKey === key, error: state.error, loading: state.loading, reload };
}
