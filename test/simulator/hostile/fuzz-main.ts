/**
 * `npm run fuzz`: the long hostile-client run (issue 10, acceptance 3). Sends `FUZZ_REQUESTS`
 * (default 10 000) hostile requests — fast cases in batches, slow ones (slowloris, stalled bodies, raw
 * h2 frames) in a parallel lane — with good SDK requests interleaved, at a simulator in its own
 * process (fuzz-sim-child.ts), after a warm-up; then prints the tally, the simulator's heap and RSS
 * after GC at the start (after the warm-up) and the end, and its active handles. Exits 1 on any
 * failed case, wrong good answer, simulator exit (crash or unhandled rejection), growth over 20 %, or
 * handle leak. `FUZZ_SEED` picks the seed.
 */
import fc from 'fast-check'
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { SimStats } from '../../../src/simulator/start-simulator.ts'
import {
  clientStalls,
  fastCase,
  FUZZ_LIMITS,
  goodClients,
  goodText,
  newTally,
  runBatch,
  slowCase,
  type Target,
} from './fuzz-driver.ts'

const target = Number(process.env.FUZZ_REQUESTS ?? 10_000)
const seed = Number(process.env.FUZZ_SEED ?? 20_261_204)

interface Measured {
  memory: NodeJS.MemoryUsage
  stats: SimStats
  handles: number
}

const child = fork(fileURLToPath(new URL('./fuzz-sim-child.ts', import.meta.url)), { execArgv: ['--expose-gc'] })
let exited: string | null = null
let closing = false
child.on('exit', (code, signal) => {
  if (!closing) exited = `simulator process exited (code ${code}, signal ${signal})`
})
const next = <T>(type: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const onExit = (): void => reject(new Error(exited ?? 'simulator process exited'))
    const onMessage = (message: { type: string }): void => {
      if (message.type !== type) return
      child.off('message', onMessage)
      child.off('exit', onExit)
      resolve(message as T)
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
const measure = async (): Promise<Measured> => {
  const reply = next<Measured>('measured')
  child.send({ type: 'measure' })
  return reply
}
const sim = await next<Target>('ready')
const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`
const pct = (end: number, start: number): string => `${((end / start - 1) * 100).toFixed(1)} %`

const clients = goodClients(sim)
const reference = await goodText(clients, 0)
const tally = newTally()
const fastBatch = fc.array(fastCase(FUZZ_LIMITS), { minLength: 8, maxLength: 16 })
const slowBatch = fc.array(slowCase(FUZZ_LIMITS), { minLength: 4, maxLength: 8 })
let batchIndex = 0
const nextBatch = <T>(arb: fc.Arbitrary<T>): T => fc.sample(arb, { seed: seed + batchIndex++, numRuns: 1 })[0]

// The baseline is taken after a warm-up of `FUZZ_WARMUP` hostile requests (default 1 000, not counted
// in the run): by then every case kind has run, JIT code, buffer pools and the allocator's arenas
// have grown to their working size, and growth after it is what a leak would show. The cold start
// (right after the first good request) is printed too.
const warmup = Number(process.env.FUZZ_WARMUP ?? 1_000)
const cold = await measure()
let nextReport = 1_000
const lanes = async (until: number): Promise<void> => {
  const slowLane = (async () => {
    while (tally.hostile < until && !exited) await runBatch(sim, clients, reference, nextBatch(slowBatch), 1, tally)
  })()
  while (tally.hostile < until && !exited) {
    await runBatch(sim, clients, reference, nextBatch(fastBatch), 2, tally)
    if (tally.hostile >= nextReport) {
      nextReport += 1_000
      const { heapUsed, rss, external } = (await measure()).memory
      const memory = `heap ${mb(heapUsed)}, ext ${mb(external)}, rss ${mb(rss)}`
      console.log(`${tally.hostile} hostile, ${tally.good} good; simulator ${memory}`)
    }
  }
  await slowLane
}
await lanes(warmup)
const warmedAt = tally.hostile
const start = await measure()
const startedAt = performance.now()
await lanes(warmedAt + target)
clients.destroy()
let end = await measure()
for (let i = 0; i < 100 && (end.stats.inFlightRequests > 0 || end.stats.sockets > 0); i++) end = await measure()
const seconds = (performance.now() - startedAt) / 1000
closing = true
child.send({ type: 'close' })

const heapGrowth = end.memory.heapUsed / start.memory.heapUsed - 1
const rssGrowth = end.memory.rss / start.memory.rss - 1
console.log(
  JSON.stringify(
    {
      seed,
      warmupHostileRequests: warmedAt,
      hostileRequestsAfterWarmup: tally.hostile - warmedAt,
      goodRequests: tally.good,
      seconds: Number(seconds.toFixed(1)),
      failedCases: tally.failures.length,
      casesCutAfterAClientStall: clientStalls.count,
      wrongGoodAnswers: tally.goodWrong.length,
      simulatorExit: exited,
      simulatorColdStart: { heapUsedAfterGc: mb(cold.memory.heapUsed), rss: mb(cold.memory.rss) },
      simulatorHeapUsedAfterGc: {
        start: mb(start.memory.heapUsed),
        end: mb(end.memory.heapUsed),
        growth: pct(end.memory.heapUsed, start.memory.heapUsed),
      },
      simulatorRss: {
        start: mb(start.memory.rss),
        end: mb(end.memory.rss),
        growth: pct(end.memory.rss, start.memory.rss),
      },
      simulatorActiveHandles: { start: start.handles, end: end.handles },
      simulatorStatsAtEnd: end.stats,
      byLabel: tally.byLabel,
    },
    null,
    2,
  ),
)
for (const failure of [...tally.failures, ...tally.goodWrong].slice(0, 20)) console.log('FAIL', failure)
const ok =
  tally.failures.length === 0 &&
  tally.goodWrong.length === 0 &&
  exited === null &&
  heapGrowth < 0.2 &&
  rssGrowth < 0.2 &&
  end.handles <= start.handles &&
  end.stats.inFlightRequests === 0 &&
  end.stats.sockets === 0
console.log(ok ? 'fuzz: PASS' : 'fuzz: FAIL')
process.exit(ok ? 0 : 1)
