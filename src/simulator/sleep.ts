/**
 * Waits `ms` milliseconds, or less when `signal` aborts (then resolves early, never rejects).
 * A non-positive `ms` resolves on the next macrotask-free tick (a resolved promise).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve()
  return new Promise(resolve => {
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
