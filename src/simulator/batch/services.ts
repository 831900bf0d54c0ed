/**
 * The state behind the simulator's non-Runtime services: the object store (S3), batch jobs and
 * async invocations, sharing one simulated clock. Created with the simulator, closed with it.
 */
import type { ObjectStore } from '../s3/object-store.ts'
import { AsyncInvokes } from './async-invokes.ts'
import { BatchJobs } from './batch-jobs.ts'
import type { ResolvedBatchSimOptions } from './batch-options.ts'
import { createSimTime, type SimTime } from './sim-time.ts'

/** The account id in simulated ARNs. */
export const SIM_ACCOUNT_ID = '123456789012'

/** Services state. */
export interface Services {
  store: ObjectStore
  batch: BatchJobs
  asyncInvokes: AsyncInvokes
  options: ResolvedBatchSimOptions
  time: SimTime
}

/** Creates the services over `store`. */
export function createServices(
  store: ObjectStore,
  seed: number,
  options: ResolvedBatchSimOptions,
  time: SimTime,
): Services {
  const deps = { store, seed, options, time, accountId: SIM_ACCOUNT_ID, region: 'us-east-1' }
  // async invocations take seconds, not hours: they run on the wall clock (time scale 1)
  const asyncInvokes = new AsyncInvokes({ ...deps, time: createSimTime(1, () => time.wallMs()) })
  return { store, batch: new BatchJobs(deps), asyncInvokes, options, time }
}
