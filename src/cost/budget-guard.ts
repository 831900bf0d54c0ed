/**
 * The runtime half of the AWS budget cap. The pre-run estimate bounds what a plan *should* send, but
 * some plans have no hard bound (a closed-loop cool-down sends as many requests as the service
 * answers in time; a prompt generator can grow its prompts). The guard stops scheduling as soon as
 * the money already spent plus the worst case of everything in flight plus one more request could
 * exceed the budget. In-flight requests finish normally; their real cost is ≤ their worst case, so
 * the total never passes the budget.
 */

/** Tracks spend against a budget and aborts its `signal` when one more request might not fit. */
export class BudgetGuard {
  /** The cap (USD). */
  readonly budgetUsd: number
  readonly #controller = new AbortController()
  #spentUsd = 0
  #inFlightMaxUsd = 0

  /** @param budgetUsd the most the run may cost (USD), > 0 */
  constructor(budgetUsd: number) {
    this.budgetUsd = budgetUsd
  }

  /** Aborted when scheduling must stop to stay within the budget. */
  get signal(): AbortSignal {
    return this.#controller.signal
  }

  /** Actual cost of the completed requests (USD). */
  get spentUsd(): number {
    return this.#spentUsd
  }

  /**
   * A request was sent whose cost is at most `maxUsd`. Stops scheduling when another request of the
   * same worst case would not fit beside it. @returns a function to call with the request's actual
   * cost (USD; `null` = unknown, counted at its worst case) when it completes.
   */
  started(maxUsd: number): (actualUsd: number | null) => void {
    this.#inFlightMaxUsd += maxUsd
    if (this.#spentUsd + this.#inFlightMaxUsd + maxUsd > this.budgetUsd) this.#controller.abort(new Error('budget'))
    return actualUsd => {
      this.#inFlightMaxUsd -= maxUsd
      this.#spentUsd += actualUsd ?? maxUsd
    }
  }
}
