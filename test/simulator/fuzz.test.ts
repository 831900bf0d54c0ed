/**
 * The simulator under hostile clients (issue 10, acceptance 3), fixed seed: every hostile exchange
 * ends in a well-formed Bedrock error or a closed connection within a bound, good SDK requests sent
 * at the same moment are answered correctly, and afterwards nothing is left in flight. The long run
 * (≥ 10 000 hostile requests, memory and handles) is `npm run fuzz`.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'
import {
  fastCase,
  fastProfiles,
  FUZZ_LIMITS,
  goodClients,
  goodText,
  newTally,
  pollUntil,
  runBatch,
  slowCase,
  type GoodClients,
} from './hostile/fuzz-driver.ts'

const SEED = 20_261_204
let sim: Simulator
let clients: GoodClients
let reference: string

beforeAll(async () => {
  sim = await startSimulator({ models: await fastProfiles(), seed: 5, limits: FUZZ_LIMITS })
  clients = goodClients(sim)
  reference = await goodText(clients, 0)
})
afterAll(async () => {
  clients.destroy() // idempotent
  await sim.close()
})

test('fast hostile cases: Bedrock errors or closes; interleaved good requests are right', async () => {
  expect(reference.length).toBeGreaterThan(0)
  const tally = newTally()
  await fc.assert(
    fc.asyncProperty(fc.array(fastCase(FUZZ_LIMITS), { minLength: 4, maxLength: 12 }), async batch => {
      expect(await runBatch(sim, clients, reference, batch, 2, tally)).toEqual([])
    }),
    { seed: SEED, numRuns: 40 },
  )
  expect(tally.hostile).toBeGreaterThan(200)
  expect(Object.keys(tally.byLabel).length).toBeGreaterThan(20)
})

test('slow clients (slowloris, stalled bodies, idle sessions, raw h2 frames) are cut by the timeouts', async () => {
  const tally = newTally()
  const batch = fc.sample(slowCase(FUZZ_LIMITS), { seed: SEED, numRuns: 30 })
  expect(await runBatch(sim, clients, reference, batch, 2, tally)).toEqual([])
  expect(Object.keys(tally.byLabel).sort()).toEqual([
    'garbage-frames/h2',
    'idle-session/h2',
    'partial-preface/h2',
    'slowloris-head/http1',
    'stalled-body/h2',
    'stalled-body/http1',
    'truncated-frame/h2',
  ])
})

test('afterwards nothing is in flight and no connection is left open', async () => {
  clients.destroy()
  const idle = () => {
    const stats = sim.stats()
    return stats.inFlightRequests === 0 && stats.activeGenerations === 0 && stats.sockets === 0
  }
  expect(await pollUntil(idle, 5_000)).toBe(true)
  expect(sim.stats()).toMatchObject({ inFlightRequests: 0, activeGenerations: 0, queuedGenerations: 0, h2Sessions: 0 })
})
