/**
 * `bedrock-bench plan [files or filters…] [--tpm N] [--rpm N] [--budget-usd X] [--json]`: everything up
 * to the first request, sending nothing. It runs `vitest bench --run` as a dry run
 * (`BEDROCK_BENCH_DRY_RUN=1`), so benchmarks are discovered and their options validated by the same
 * code as a real run, then prints every planned benchmark: model, operation, load, requests, tokens,
 * estimated AWS cost with the prices' date, and the quota planner's limits.
 * Exit code 0 = a valid plan within budget; 1 = invalid options, a failed Vitest run, or over budget;
 * 2 = bad usage.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Command } from '../cli.ts'
import { shardArgProblem } from '../config/shard-arg.ts'
import { readPlanEntries } from '../io/plan-log.ts'
import { planTotals } from '../plan/plan-totals.ts'
import { renderPlan } from '../report/render/plan-text.ts'

/** Vitest flags `plan` passes through (each takes a value). Anything else is a usage error. */
const VITEST_FLAGS = new Set(['project', 'config', 'root', 'dir', 'testNamePattern', 'shard'])

const usage = `Usage: bedrock-bench plan [bench files or name filters…] [--tpm N] [--rpm N] [--budget-usd X] [--json]

  --tpm         your account's tokens-per-minute quota (for the quota planner)
  --rpm         your account's requests-per-minute quota
  --budget-usd  exit 1 when the plan's maximum AWS cost exceeds this
  --json        print the plan entries and totals as JSON
Also passed to \`vitest bench --run\`: file or name filters, ${[...VITEST_FLAGS].map(f => `--${f}`).join(', ')}.`

interface PlanArgs {
  tpm?: number
  rpm?: number
  budgetUsd: number | null
  json: boolean
  vitestArgs: string[]
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--${flag} must be a number > 0, got \`${value}\`. Example: --${flag} 200000.`)
  return n
}

/** Parses the command's own flags; the rest goes to Vitest. Throws with a message naming the bad flag. */
export function parsePlanArgs(argv: string[]): PlanArgs {
  const { values, tokens } = parseArgs({
    args: argv,
    options: {
      tpm: { type: 'string' },
      rpm: { type: 'string' },
      'budget-usd': { type: 'string' },
      json: { type: 'boolean' },
      project: { type: 'string' },
      config: { type: 'string', short: 'c' },
      root: { type: 'string', short: 'r' },
      dir: { type: 'string' },
      testNamePattern: { type: 'string', short: 't' },
      shard: { type: 'string' },
    },
    allowPositionals: true,
    strict: false,
    tokens: true,
  })
  const own = new Set(['tpm', 'rpm', 'budget-usd', 'json'])
  const vitestArgs: string[] = []
  for (const token of tokens) {
    if (token.kind === 'positional') vitestArgs.push(token.value)
    else if (token.kind === 'option-terminator') continue
    else if (!own.has(token.name)) {
      const name = token.name
      if (!VITEST_FLAGS.has(name)) throw new Error(`unknown flag ${token.rawName}.`)
      if (token.value === undefined) throw new Error(`${token.rawName} needs a value.`)
      vitestArgs.push(`--${name}=${token.value}`)
    }
  }
  const shard = shardArgProblem(vitestArgs)
  if (shard !== null) throw new Error(shard)
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v === true ? '' : undefined)
  return {
    tpm: positive('tpm', str(values.tpm)),
    rpm: positive('rpm', str(values.rpm)),
    budgetUsd: positive('budget-usd', str(values['budget-usd'])) ?? null,
    json: values.json === true,
    vitestArgs,
  }
}

/** The Vitest CLI script of the project in `cwd`, or null when Vitest is not installed there. */
function vitestBin(cwd: string): string | null {
  try {
    const pkg = createRequire(join(cwd, 'package.json')).resolve('vitest/package.json')
    const bin = (JSON.parse(readFileSync(pkg, 'utf8')) as { bin?: { vitest?: string } }).bin?.vitest ?? 'vitest.mjs'
    return join(dirname(pkg), bin)
  } catch {
    return null
  }
}

const plan: Command = {
  summary: 'dry run: list every benchmark with its requests, tokens, AWS cost and quota limits; sends nothing',
  async run(argv) {
    let args: PlanArgs
    try {
      args = parsePlanArgs(argv)
    } catch (error) {
      console.error(`bedrock-bench plan: ${(error as Error).message}\n\n${usage}`)
      return 2
    }
    const cwd = process.cwd()
    const bin = vitestBin(cwd)
    if (bin === null || !existsSync(bin)) {
      console.error(
        `bedrock-bench plan: Vitest is not installed in ${cwd}. Run it from your project root after ` +
          '`npm install -D vitest bedrock-bench` (or `npx bedrock-bench init`).',
      )
      return 2
    }
    const dir = mkdtempSync(join(tmpdir(), 'bedrock-bench-plan-'))
    const planFile = join(dir, 'plan.jsonl')
    try {
      const child = spawnSync(process.execPath, [bin, 'bench', '--run', '--reporter=dot', ...args.vitestArgs], {
        cwd,
        stdio: ['ignore', 2, 2],
        env: {
          ...process.env,
          BEDROCK_BENCH_DRY_RUN: '1',
          BEDROCK_BENCH_PLAN_FILE: planFile,
          ...(args.tpm !== undefined ? { BEDROCK_BENCH_QUOTA_TPM: String(args.tpm) } : {}),
          ...(args.rpm !== undefined ? { BEDROCK_BENCH_QUOTA_RPM: String(args.rpm) } : {}),
        },
      })
      const entries = await readPlanEntries(planFile)
      const totals = planTotals(entries, args.budgetUsd)
      console.log(args.json ? JSON.stringify({ entries, totals }, null, 2) : renderPlan(entries, totals))
      if (child.status !== 0) {
        console.error(
          `bedrock-bench plan: \`vitest bench\` exited with ${child.status ?? child.signal}; see its output above ` +
            '(invalid options fail the plan as they would fail the run).',
        )
        return 1
      }
      return totals.invalid > 0 || totals.overBudget ? 1 : 0
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

export default plan
