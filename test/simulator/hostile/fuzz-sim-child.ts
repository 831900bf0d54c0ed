/**
 * The simulator of `npm run fuzz`, in a process of its own (forked by fuzz-main.ts with
 * `--expose-gc`), so its memory is measured without the fuzzing client's, and a crash is an exit.
 * No error handlers: an uncaught exception or unhandled rejection ends this process, as it would in
 * production. Messages: `{ type: 'measure' }` → GC, then `{ memory, stats, handles }`; `{ type: 'close' }`.
 */
import { startSimulator } from '../../../src/simulator/start-simulator.ts'
import { fastProfiles, FUZZ_LIMITS } from './fuzz-driver.ts'

const gc = (globalThis as { gc?: () => void }).gc
if (!gc || !process.send) throw new Error('fork me with --expose-gc (fuzz-main.ts does).')
const send = process.send.bind(process)
// Ground truth is bounded by design (default 200 000 records); a small bound keeps that
// retained-by-design growth out of the leak check.
const sim = await startSimulator({ models: await fastProfiles(), seed: 5, limits: FUZZ_LIMITS, groundTruthLimit: 500 })
send({ type: 'ready', url: sim.url, port: sim.port })
process.on('message', (message: { type: string }) => {
  if (message.type === 'close') void sim.close().then(() => process.exit(0))
  if (message.type !== 'measure') return
  void (async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise(resolve => setTimeout(resolve, 50))
      gc()
    }
    const handles = process.getActiveResourcesInfo().filter(kind => kind !== 'Timeout').length
    send({ type: 'measured', memory: process.memoryUsage(), stats: sim.stats(), handles })
  })()
})
