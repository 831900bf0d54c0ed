/**
 * boto3 (botocore's own HTTP/1.1 stack, its own event-stream parser and error mapping) against the
 * simulator, per bedrock-wire.md §1.2/§6/§7. Skipped where python3 with boto3 is not installed.
 */
import { execFile, execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { startSimulator } from '../../src/simulator/start-simulator.ts'
import { fastProfiles } from './sim-fixture.ts'

/** What boto3_client.py prints: one field per call it made (values checked below). */
interface Boto3Report {
  converse: unknown
  converseStream: unknown
  invoke: unknown
  invokeStream: { types: string[]; metrics: unknown }
  countTokens: unknown
  unknownModel: unknown
  throttle: unknown
  midStream: unknown
}

const script = fileURLToPath(new URL('./boto3_client.py', import.meta.url))
const hasBoto3 = (() => {
  try {
    execFileSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

test.skipIf(!hasBoto3)(
  'boto3 runs all five operations, typed errors and a mid-stream exception',
  async () => {
    const sim = await startSimulator({ models: await fastProfiles() })
    try {
      const { stdout } = await promisify(execFile)('python3', [script, sim.url], { timeout: 30_000 })
      const out = JSON.parse(stdout) as Boto3Report
      expect(out.converse).toMatchObject({ stopReason: 'end_turn', outputTokens: 12 })
      expect(out.converseStream).toEqual([
        'messageStart',
        ...Array<string>(12).fill('contentBlockDelta'),
        'contentBlockStop',
        'messageStop',
        'metadata',
      ])
      expect(out.invoke).toEqual({ stop_reason: 'end_turn', outputTokenHeader: '12' })
      expect(out.invokeStream.types.at(-1)).toBe('message_stop')
      expect(out.invokeStream.metrics).toMatchObject({ outputTokenCount: 12 })
      expect(out.countTokens).toBe(5) // "Hello from boto3": 16 characters / 3.5 (Anthropic), rounded up
      expect(out.unknownModel).toEqual({ code: 'ResourceNotFoundException', status: 404 })
      expect(out.throttle).toEqual({ code: 'ThrottlingException', status: 429 })
      expect(out.midStream).toEqual({ code: 'throttlingException' })
    } finally {
      await sim.close()
    }
  },
  40_000,
)
