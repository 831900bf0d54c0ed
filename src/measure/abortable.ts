/**
 * Abort plumbing for one request, used by `invoke.ts`: the `AbortController` whose signal the SDK
 * gets, and abort-aware waiting on `send` and on each stream event. Whoever aborts (our timeout, the
 * user's signal) calls `abort()`, which rejects the pending wait directly: no `'abort'` listener and
 * no promise per request beyond the SDK's own (an `EventTarget` listener and an async generator per
 * stream cost ≈ 10 % of a zero-latency request's client CPU, docs/performance.md).
 */

/** The abort state of one request. */
export class RequestAbort {
  /** Its signal goes to the SDK (`send(command, { abortSignal })`), so the HTTP request is torn down too. */
  readonly controller = new AbortController()
  #reject: ((reason: unknown) => void) | null = null
  #aborted = false
  #reason: unknown = undefined

  /** True once `abort` was called. */
  get aborted(): boolean {
    return this.#aborted
  }

  /** Aborts the controller and rejects the pending `wait`, if any, with `reason`. Idempotent. */
  abort(reason: unknown): void {
    if (this.#aborted) return
    this.#aborted = true
    this.#reason = reason
    this.controller.abort(reason)
    const reject = this.#reject
    this.#reject = null
    reject?.(reason)
  }

  /**
   * Settles as `p` does, or rejects with the abort reason as soon as `abort` is called (then `p`'s
   * own outcome is ignored). One wait at a time.
   *
   * @param p - what to wait for (the SDK's `send`, or a stream's `next()`)
   */
  wait<T>(p: Promise<T>): Promise<T> {
    if (this.#aborted) {
      p.catch(() => {})
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the abort reason, as given
      return Promise.reject(this.#reason)
    }
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject
      p.then(
        v => {
          this.#reject = null
          resolve(v)
        },
        (e: unknown) => {
          this.#reject = null
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what `p` threw, as is
          reject(e)
        },
      )
    })
  }

  /**
   * Iterates `it` (an SDK event stream), calling `each` per event, until it ends; rejects with the
   * abort reason at the first abort, closing the iterator (without awaiting its `return`).
   *
   * @param it - the stream
   * @param each - called synchronously for every event
   */
  async forEach<T>(it: AsyncIterable<T>, each: (value: T) => void): Promise<void> {
    const iter = it[Symbol.asyncIterator]()
    let done = false
    try {
      for (;;) {
        const r = await this.wait(iter.next())
        if (r.done === true) {
          done = true
          return
        }
        each(r.value)
      }
    } finally {
      if (!done) void Promise.resolve(iter.return?.()).catch(() => {})
    }
  }
}
