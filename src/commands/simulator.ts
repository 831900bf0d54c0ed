/**
 * `bedrock-bench simulator [--port 8787] [--host 127.0.0.1] [--seed N] [--models dir] [--faults file.json]
 * [--limits '{"maxBodyBytes":…}']`:
 * runs the Bedrock-compatible simulator standalone (for boto3, LLMeter, curl …) until SIGINT/SIGTERM.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import type { Command } from '../cli.ts'
import { startSimulator, type FaultRule, type ServerLimits } from '../simulator/start-simulator.ts'

const usage =
  'Usage: bedrock-bench simulator [--port 8787] [--host 127.0.0.1] [--seed 1] ' +
  `[--models fixtures/models] [--faults faults.json] [--limits '{"maxBodyBytes":1000000}']

  --port    TCP port (0 = any free port)            default 8787
  --host    interface to bind                       default 127.0.0.1
  --seed    integer seed of text, timings, faults   default 1
  --models  directory of model profile JSON files   default fixtures/models
  --faults  JSON file with an array of fault rules  default none
  --limits  JSON of maxBodyBytes, maxHeaderBytes,   default {"maxBodyBytes":25000000,"maxHeaderBytes":16384,
            headersTimeoutMs, idleTimeoutMs                  "headersTimeoutMs":10000,"idleTimeoutMs":65000}`

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n))
    throw new TypeError(`--${name} must be an integer, got "${value}". Example: --${name} ${fallback}.`)
  return n
}

const command: Command = {
  summary: 'Run the Bedrock-compatible simulator (HTTP/1.1 + h2c) until Ctrl-C',
  async run(argv) {
    let port: number,
      seed: number,
      faults: FaultRule[] = [],
      limits: Partial<ServerLimits> | undefined
    let values: {
      port?: string
      host?: string
      seed?: string
      models?: string
      faults?: string
      limits?: string
      help?: boolean
    }
    try {
      values = parseArgs({
        args: argv,
        options: {
          port: { type: 'string' },
          host: { type: 'string' },
          seed: { type: 'string' },
          models: { type: 'string' },
          faults: { type: 'string' },
          limits: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }).values
      port = integer('port', values.port, 8787)
      seed = integer('seed', values.seed, 1)
      if (values.limits !== undefined) {
        try {
          limits = JSON.parse(values.limits) as Partial<ServerLimits>
        } catch {
          throw new TypeError(`--limits must be JSON like '{"maxBodyBytes":1000000}', got ${values.limits}.`)
        }
      }
      if (values.faults) {
        faults = JSON.parse(await readFile(values.faults, 'utf8')) as FaultRule[]
        if (!Array.isArray(faults))
          throw new TypeError(
            `--faults ${values.faults} must hold a JSON array of fault rules, like ` +
              `[{"kind":"throttle","probability":0.05}].`,
          )
      }
    } catch (error) {
      console.error(`bedrock-bench simulator: ${(error as Error).message}\n\n${usage}`)
      return 2
    }
    if (values.help) {
      console.log(usage)
      return 0
    }
    const controller = new AbortController()
    let simulator
    try {
      simulator = await startSimulator({
        port,
        host: values.host,
        seed,
        models: values.models,
        faults,
        limits,
        signal: controller.signal,
      })
    } catch (error) {
      console.error(`bedrock-bench simulator: could not start: ${(error as Error).message}`)
      return 1
    }
    const model = simulator.profiles.find(p => p.family === 'anthropic')?.modelId ?? simulator.profiles[0].modelId
    console.log(
      `Bedrock simulator listening on ${simulator.url} (HTTP/1.1 and h2c, seed ${seed}, ` +
        `${simulator.profiles.length} models)`,
    )
    console.log(
      `Try:\n  curl -s ${simulator.url}/model/${encodeURIComponent(model)}/converse -H 'content-type: ` +
        `application/json' \\\n    -d ` +
        `'{"messages":[{"role":"user","content":[{"text":"Hello"}]}],"inferenceConfig":{"maxTokens":32}}'`,
    )
    console.log(
      `SDK: new BedrockRuntimeClient({ endpoint: '${simulator.url}', region: 'us-east-1' })   — Ctrl-C to stop`,
    )
    await new Promise<void>(resolve => {
      const stop = (): void => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await simulator.close()
    console.log('Simulator stopped.')
    return 0
  },
}

export default command
