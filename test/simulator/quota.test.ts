/**
 * Acceptance 5 through the real SDK: with TPM 10 000 and maxTokens 1 000, a burst of 12 short
 * requests gets exactly 10 admitted and 2 throttled ("Too many tokens…"); while the bucket is empty
 * further requests are throttled; once the (injected) quota clock moves a full window on, requests
 * are admitted again.
 */
import { ConverseCommand, ThrottlingException } from '@aws-sdk/client-bedrock-runtime'
import { expect, test } from 'vitest'
import { startSimulator } from '../../src/simulator/start-simulator.ts'
import { fastProfiles, HAIKU, hello, sdkClient } from './sim-fixture.ts'

test('TPM 10 000, maxTokens 1 000: burst of 12 → 10 admitted, 2 throttled; admitted again after refill', async () => {
  let nowMs = 0
  const models = (await fastProfiles()).map(p =>
    p.modelId === HAIKU ? { ...p, standard: { ...p.standard, ttftMs: { median: 800, p90OverP50: 1 } } } : p,
  )
  const sim = await startSimulator({
    models,
    quotaOverrides: { [HAIKU]: { tpm: 10_000, rpm: null } },
    quotaClock: () => nowMs,
  })
  const client = sdkClient(sim.url, 'http1')
  const send = () =>
    client.send(new ConverseCommand({ modelId: HAIKU, messages: hello, inferenceConfig: { maxTokens: 1000 } })).then(
      () => 'ok',
      (error: unknown) => error,
    )
  try {
    const burst = Array.from({ length: 12 }, send)
    // Throttled answers come back at once; the 10 admitted ones take ≥ 800 ms.
    const throttled = await Promise.race([Promise.all(burst), new Promise(resolve => setTimeout(resolve, 400))])
    expect(throttled).toBeUndefined()
    expect(await send()).toBeInstanceOf(ThrottlingException) // bucket still empty, clock frozen
    nowMs += 60_000 // one full window later
    const afterRefill = send()
    const outcomes = await Promise.all(burst)
    expect(outcomes.filter(o => o === 'ok')).toHaveLength(10)
    const errors = outcomes.filter(o => o !== 'ok')
    expect(errors).toHaveLength(2)
    for (const error of errors) {
      expect(error).toBeInstanceOf(ThrottlingException)
      expect((error as Error).message).toBe('Too many tokens, please wait before trying again.')
    }
    expect(await afterRefill).toBe('ok')
    expect(sim.groundTruth.all().filter(r => r.status === 'throttled')).toHaveLength(3)
  } finally {
    client.destroy()
    await sim.close()
  }
})

test('RPM quota: "Too many requests" once the per-minute request count is used up', async () => {
  let nowMs = 0
  const sim = await startSimulator({
    models: await fastProfiles(),
    quotaOverrides: { [HAIKU]: { rpm: 3 } },
    quotaClock: () => nowMs,
  })
  const client = sdkClient(sim.url, 'h2')
  try {
    for (let i = 0; i < 3; i++) await client.send(new ConverseCommand({ modelId: HAIKU, messages: hello }))
    const error = await client.send(new ConverseCommand({ modelId: HAIKU, messages: hello })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ThrottlingException)
    expect((error as Error).message).toBe('Too many requests, please wait before trying again.')
    nowMs += 20_000 // a third of the window refills one request
    await client.send(new ConverseCommand({ modelId: HAIKU, messages: hello }))
  } finally {
    client.destroy()
    await sim.close()
  }
})
