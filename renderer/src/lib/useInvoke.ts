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

interface Settled<T> {
  /** Which request (input and reload generation) this outcome answers. */
  request: string;
  data: T | null;
  dataInput: string | null;
  error: unknown;
}

/**
 * Calls a channel whenever its input changes (compared by value) and keeps the latest answer;
 * `input = null` skips the call. Answers to an earlier input are dropped. A new `version` (something the answer
 * depends on changed elsewhere) calls again.
 */
export function useInvoke<C extends Channel>(
  channel: C,
  input: ChannelInput<C> | null,
  version = 0,
): InvokeState<ChannelOutput<C>> {
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<ChannelOutput<C>>>({
    request: '',
    data: null,
    dataInput: null,
    error: null,
  });
  const inputKey = input === null ? null : JSON.stringify(input);
  const request = inputKey === null ? null : `${generation}:${version}:${inputKey}`;

  useEffect(() => {
    if (request === null || inputKey === null) return;
    let wanted = true;
    invoke(channel, JSON.parse(inputKey) as ChannelInput<C>).then(
      (data) => wanted && setSettled({ request, data, dataInput: inputKey, error: null }),
      (error: unknown) => wanted && setSettled((s) => ({ ...s, request, error })),
    );
    return () => {
      wanted = false;
    };
  }, [channel, inputKey, request]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const answered = settled.request === request;
  return {
    data: settled.data,
    current: settled.dataInput === inputKey,
    error: answered ? settled.error : null,
    loading: request !== null && !answered,
    reload,
  };
}
