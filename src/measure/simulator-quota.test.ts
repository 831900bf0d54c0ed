import { afterAll, beforeAll, expect, test } from 'vitest'
import { startSimulator, type Simulator } from '../simulator/start-simulator.ts'
import { simulatorQuotaTpm } from './simulator-quota.ts'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 1, quotaOverrides: { 'amazon.nova-micro-v1:0': { tpm: 6000 } } })
})
afterAll(() => sim.close())

test('reads the effective quota, overrides included, for base ids and inference-profile ids', async () => {
  expect(await simulatorQuotaTpm(sim.url, 'amazon.nova-micro-v1:0')).toBe(6000)
  expect(await simulatorQuotaTpm(sim.url, 'us.amazon.nova-micro-v1:0')).toBe(6000)
  const haiku = sim.profiles.find(p => p.modelId === 'anthropic.claude-3-5-haiku-20241022-v1:0')!
  expect(await simulatorQuotaTpm(sim.url, haiku.modelId)).toBe(haiku.quotas.tpm)
})

test('unknown model, no endpoint, or nothing listening → null', async () => {
  expect(await simulatorQuotaTpm(sim.url, 'acme.unknown-v1:0')).toBeNull()
  expect(await simulatorQuotaTpm(undefined, 'amazon.nova-micro-v1:0')).toBeNull()
  expect(await simulatorQuotaTpm('http://127.0.0.1:9', 'amazon.nova-micro-v1:0', 500)).toBeNull()
})
