/**
 * Worker-thread entry of `scanPart`: scans the part given as `workerData` and posts the
 * `PartResult` back, transferring the statistics columns instead of copying them.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { stateTransferList } from '../report/collect/run-collector.ts'
import { scanPartToStates } from './scan-part.ts'
import type { PartInput } from './scan-part.ts'

const result = scanPartToStates(workerData as PartInput)
parentPort?.postMessage(result, [...new Set(result.states.flatMap(stateTransferList))])
