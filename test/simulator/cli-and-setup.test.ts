/**
 * The standalone `bedrock-bench simulator` command (a real child process: prints its URL, serves,
 * stops on SIGINT with exit code 0) and the Vitest globalSetup (provides URL, run id and results dir;
 * skips the simulator for BEDROCK_BENCH_TARGET=aws; teardown closes it).
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, test, vi } from 'vitest'
import type { TestProject } from 'vitest/node'
import simulatorCommand from '../../src/commands/simulator.ts'
import setup, { seedFromEnv } from '../../src/simulator/global-setup.ts'

const bin = fileURLToPath(new URL('../../bin/bedrock-bench.js', import.meta.url))

test('`bedrock-bench simulator --port 0` prints its URL, serves Converse, and stops on SIGINT', async () => {
  const proc = spawn(process.execPath, ['--no-warnings', bin, 'simulator', '--port', '0', '--seed', '3'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', chunk => {
      out += String(chunk)
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match) resolve(match[1])
    })
    proc.once('exit', code => reject(new Error(`exited ${code}: ${out}`)))
  })
  const response = await fetch(`${url}/model/${encodeURIComponent('amazon.nova-micro-v1:0')}/converse`, {
    method: 'POST',
    body: JSON.stringify({
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      inferenceConfig: { maxTokens: 2 },
    }),
  })
  expect(((await response.json()) as { stopReason: string }).stopReason).toBe('max_tokens')
  expect(out).toContain('curl -s')
  const exitCode = new Promise<number | null>(resolve => proc.once('exit', resolve))
  proc.kill('SIGINT')
  expect(await exitCode).toBe(0)
  expect(out).toContain('Simulator stopped.')
}, 30_000)

test('`bedrock-bench simulator --port x` explains the option and exits 2', async () => {
  const proc = spawn(process.execPath, ['--no-warnings', bin, 'simulator', '--port', 'x'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  proc.stderr.on('data', chunk => (err += String(chunk)))
  expect(await new Promise(resolve => proc.once('exit', resolve))).toBe(2)
  expect(err).toContain('--port must be an integer, got "x"')
})

function fakeProject(): { project: TestProject; provided: Record<string, string> } {
  const provided: Record<string, string> = {}
  const project = {
    config: { root: '/tmp/bb-root' },
    provide: (key: string, value: unknown) => {
      if (typeof value !== 'string') throw new TypeError(`provide(${key}): expected a string, got ${typeof value}`)
      provided[key] = value
    },
  } as unknown as TestProject
  return { project, provided }
}

afterEach(() => {
  vi.unstubAllEnvs()
})

test('globalSetup starts a simulator and provides its URL, a sortable run id and the results dir', async () => {
  vi.stubEnv('BEDROCK_BENCH_TARGET', '')
  vi.stubEnv('BEDROCK_BENCH_SEED', '5')
  const { project, provided } = fakeProject()
  const teardown = await setup(project)
  try {
    expect(provided.bedrockBenchRunId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/)
    expect(provided.bedrockBenchResultsDir).toBe(`/tmp/bb-root/results/${provided.bedrockBenchRunId}`)
    const health = await fetch(`${provided.bedrockBenchSimulatorUrl}/_sim/health`)
    expect(await health.json()).toEqual({ ok: true })
  } finally {
    await teardown()
  }
  await expect(fetch(`${provided.bedrockBenchSimulatorUrl}/_sim/health`)).rejects.toThrow()
})

test('globalSetup skips the simulator for BEDROCK_BENCH_TARGET=aws; a bad seed is explained', async () => {
  vi.stubEnv('BEDROCK_BENCH_TARGET', 'aws')
  const { project, provided } = fakeProject()
  await (
    await setup(project)
  )()
  expect(provided.bedrockBenchSimulatorUrl).toBe('')
  expect(() => seedFromEnv('abc')).toThrow('BEDROCK_BENCH_SEED must be an integer, got "abc"')
})

test('`bedrock-bench simulator --limits`: bad JSON exits 2, a bad limit is named and exits 1', async () => {
  const errors: string[] = []
  const spy = vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message))
  try {
    expect(await simulatorCommand.run(['--port', '0', '--limits', '{maxBodyBytes'])).toBe(2)
    expect(errors[0]).toMatch(/--limits must be JSON like/)
    expect(await simulatorCommand.run(['--port', '0', '--limits', '{"maxBodyBytes":0}'])).toBe(1)
    expect(errors[1]).toMatch(/could not start: `limits.maxBodyBytes` must be an integer 1\.\./)
    expect(await simulatorCommand.run(['--port', '0', '--limits', '{"bodyBytes":5}'])).toBe(1)
    expect(errors[2]).toMatch(/`limits.bodyBytes` is not a limit. Use maxBodyBytes, maxHeaderBytes/)
  } finally {
    spy.mockRestore()
  }
})
