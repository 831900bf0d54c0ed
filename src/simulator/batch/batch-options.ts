/**
 * How the simulator models batch inference jobs and asynchronous invocations: job throughput,
 * queueing, the concurrent-job cap, record limits and the time scale that compresses simulated
 * hours into wall-clock seconds. Validated once when the simulator starts.
 */

/** Batch and async-invoke behaviour of the simulator. Times are simulated seconds. */
export interface BatchSimOptions {
  /** Records a job processes per simulated second (ignored when `tokensPerSec` is set). @default 2 */
  recordsPerSec?: number
  /** Input + output tokens a job processes per simulated second; `null` = use `recordsPerSec`. @default null */
  tokensPerSec?: number | null
  /** Time a job spends `Submitted` (s). @default 5 */
  submittedSec?: number
  /** Time a job spends `Validating` (s). @default 60 */
  validatingSec?: number
  /** Least time a job spends `Scheduled` before it may start (s); longer while the job cap is reached. @default 300 */
  queueDelaySec?: number
  /** Jobs `InProgress` at once; later jobs wait `Scheduled`. @default 10 */
  maxConcurrentJobs?: number
  /** Fewest records a job may have; fewer → `ValidationException` at create. @default 100 */
  minRecordsPerJob?: number
  /** Most records a job may have. @default 50000 */
  maxRecordsPerJob?: number
  /** Time between StartAsyncInvoke and the start of generation (wall-clock s, not scaled). @default 2 */
  asyncQueueSec?: number
  /** Simulated seconds per wall-clock second for batch jobs (e.g. 3600: a 2-hour job takes 2 s). @default 1 */
  timeScale?: number
}

/** {@link BatchSimOptions} with every default applied. */
export type ResolvedBatchSimOptions = Required<BatchSimOptions>

/** The defaults of {@link BatchSimOptions}. */
export const BATCH_SIM_DEFAULTS: ResolvedBatchSimOptions = {
  recordsPerSec: 2,
  tokensPerSec: null,
  submittedSec: 5,
  validatingSec: 60,
  queueDelaySec: 300,
  maxConcurrentJobs: 10,
  minRecordsPerJob: 100,
  maxRecordsPerJob: 50_000,
  asyncQueueSec: 2,
  timeScale: 1,
}

/**
 * Applies defaults and checks every field.
 * @throws TypeError naming the field, what was expected, what was given and the fix
 */
export function resolveBatchSimOptions(options: BatchSimOptions = {}): ResolvedBatchSimOptions {
  const o = { ...BATCH_SIM_DEFAULTS, ...options }
  const positive = ['recordsPerSec', 'timeScale'] as const
  const nonNegative = ['submittedSec', 'validatingSec', 'queueDelaySec', 'asyncQueueSec'] as const
  const counts = ['maxConcurrentJobs', 'minRecordsPerJob', 'maxRecordsPerJob'] as const
  for (const key of positive) {
    if (!(typeof o[key] === 'number' && o[key] > 0 && Number.isFinite(o[key])))
      throw new TypeError(`\`batch.${key}\` must be a finite number > 0, got ${JSON.stringify(o[key])}.`)
  }
  for (const key of nonNegative) {
    if (!(typeof o[key] === 'number' && o[key] >= 0 && Number.isFinite(o[key])))
      throw new TypeError(`\`batch.${key}\` must be a finite number ≥ 0 (seconds), got ${JSON.stringify(o[key])}.`)
  }
  for (const key of counts) {
    if (!(Number.isInteger(o[key]) && o[key] >= 1))
      throw new TypeError(`\`batch.${key}\` must be an integer ≥ 1, got ${JSON.stringify(o[key])}.`)
  }
  if (o.tokensPerSec !== null && !(typeof o.tokensPerSec === 'number' && o.tokensPerSec > 0))
    throw new TypeError(
      `\`batch.tokensPerSec\` must be a number > 0 or null, got ${JSON.stringify(o.tokensPerSec)}. ` +
        'Use null to pace by recordsPerSec.',
    )
  if (o.minRecordsPerJob > o.maxRecordsPerJob)
    throw new TypeError(
      `\`batch.minRecordsPerJob\` (${o.minRecordsPerJob}) must not exceed ` +
        `\`batch.maxRecordsPerJob\` (${o.maxRecordsPerJob}).`,
    )
  return o
}
