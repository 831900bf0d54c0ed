/**
 * Worker-thread entry of `writeSamplesCsv`: writes samples.csv from samples.jsonl while the main
 * thread computes statistics, and posts back the write outcome.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { writeSamplesCsvInline } from './samples-csv-file.ts'

const { paths, out } = workerData as { paths: string[]; out: string }
parentPort?.postMessage(await writeSamplesCsvInline(paths, out))
