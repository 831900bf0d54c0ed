/**
 * Abort-aware waiting for one request: a promise to race against `send`, and stream iteration that
 * stops at the first abort. Used by `invoke.ts`.
 */

/**
 * One abort promise per request, rejected with the signal's reason when it fires; raced once against
 * `send` (stream events use {@link abortable}). Its rejection is pre-handled (never unhandled).
 *
 * @param signal - the request's signal
 * @returns a promise that never resolves and rejects on abort
 */
export function abortPromise(signal: AbortSignal): Promise<never> {
  const p = new Promise<never>((_, reject) => {
    // An aborted operation rejects with `signal.reason`, whatever the caller aborted with (the DOM contract).
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- see above
    const rejectWithReason = (): void => reject(signal.reason)
    if (signal.aborted) rejectWithReason()
    else signal.addEventListener('abort', rejectWithReason, { once: true })
  })
  p.catch(() => {})
  return p
}

/**
 * Iterates an async iterable, rejecting with the signal's reason as soon as it aborts. One abort
 * listener per stream and a fresh promise per step, so nothing accumulates per event (racing each
 * step against one never-settling promise would keep a reaction per event until the request ends:
 * ~100 B × events × streams in flight). Costs ~0.1 µs per event over a plain `for await`.
 *
 * @param it - the stream (e.g. the SDK's event stream)
 * @param signal - aborting it rejects the pending step and closes the iterator
 */
export async function* abortable<T>(it: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iter = it[Symbol.asyncIterator]()
  let fail: ((reason: unknown) => void) | null = null
  const onAbort = (): void => fail?.(signal.reason)
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      if (signal.aborted) throw signal.reason
      const r = await new Promise<IteratorResult<T>>((resolve, reject) => {
        fail = reject
        iter.next().then(resolve, reject)
      })
      fail = null
      if (r.done) return
      yield r.value
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
    void Promise.resolve(iter.return?.()).catch(() => {})
  }
}
