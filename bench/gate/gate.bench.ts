/**
 * Evidence for the gate's acceptance (docs/gating.md): real runs against the embedded simulator
 * with different seeds, compared with the default gate. Prints, per scenario, how many of 20
 * comparisons gave each verdict:
 * - A/A: the same profile, every metric of the default gate (false positives);
 * - A/B: TTFT +20 % and +3 % injected through the profile (TTFT p95), error rate 0 → 5 % (faults);
 * - drift: answers 3× longer.
 * Not part of `npm run bench` (it takes minutes): `npx vitest bench --run --project bench bench/gate`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'vitest'
import { compareBaselines, verdictCounts } from '../../src/gate/compare-baselines.ts'
import type { Baseline } from '../../src/gate/baseline-format.ts'
import { readRunBaseline } from '../../src/io/baseline-file.ts'
import { bedrockBench } from '../../src/measure/bedrock-bench.ts'
import { startSimulator, type FaultRule } from '../../src/simulator/start-simulator.ts'
import { GATE_MODEL, gateProfile, type ProfileChange } from '../../test/gate/gate-profiles.ts'

const COMPARISONS = Number(process.env.GATE_COMPARISONS ?? 20)
const REQUESTS = Number(process.env.GATE_REQUESTS ?? 200)
const PROFILE = { ttftMedianMs: 100, decodeTokensPerSec: 400 }

test('gate A/A and A/B on the simulator', { timeout: 3_600_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'bb-gate-bench-'))
  let counter = 0
  const run = async (seed: number, change: ProfileChange = {}, faults: FaultRule[] = []): Promise<Baseline> => {
    const sim = await startSimulator({ port: 0, seed, faults, models: [await gateProfile({ ...PROFILE, ...change })] })
    const resultsDir = join(root, String(counter++))
    try {
      await bedrockBench(null, {
        name: 'gate',
        model: GATE_MODEL,
        prompt: { fixture: 'prompts/short-qa.json' },
        maxTokens: 256,
        endpoint: sim.url,
        resultsDir,
        load: { concurrency: 10, requests: REQUESTS, warmup: { requests: 10 } },
      })
    } finally {
      await sim.close()
    }
    const snapshot = await readRunBaseline(resultsDir, { name: `seed-${seed}`, createdAt: '' })
    if (!snapshot.ok) throw new Error(snapshot.problem)
    return snapshot.value
  }
  const rows: string[] = ['| Scenario | Metric(s) | regressed | improved | unchanged | inconclusive | not comparable |']
  rows.push('|---|---|---|---|---|---|---|')
  const tally = (name: string, metric: string, reports: ReturnType<typeof compareBaselines>[]): void => {
    const total = { regressed: 0, improved: 0, unchanged: 0, inconclusive: 0, 'not-comparable': 0 }
    for (const r of reports) {
      const c = verdictCounts({
        benches: r.benches.map(b => ({
          ...b,
          metrics: b.metrics.filter(m => metric === 'all' || m.metric === metric),
        })),
      })
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k]
    }
    rows.push(
      `| ${name} | ${metric} | ${total.regressed} | ${total.improved} | ${total.unchanged} | ` +
        `${total.inconclusive} | ${total['not-comparable']} |`,
    )
    console.log(rows.at(-1))
  }
  const started = performance.now()
  const bases: Baseline[] = []
  for (let i = 0; i <= COMPARISONS; i++) bases.push(await run(100 + i))
  tally(
    'A/A',
    'all',
    bases.slice(1).map((b, i) => compareBaselines(bases[i], b)),
  )
  const ab: ReturnType<typeof compareBaselines>[] = []
  const small: ReturnType<typeof compareBaselines>[] = []
  const errors: ReturnType<typeof compareBaselines>[] = []
  for (let i = 0; i < COMPARISONS; i++) {
    ab.push(compareBaselines(bases[i], await run(200 + i, { ttftFactor: 1.2 })))
    small.push(compareBaselines(bases[i], await run(300 + i, { ttftFactor: 1.03 })))
    errors.push(compareBaselines(bases[i], await run(400 + i, {}, [{ kind: 'internal', probability: 0.05 }])))
  }
  tally('TTFT +20 %', 'ttftMs.p95', ab)
  tally('TTFT +3 %', 'ttftMs.p95', small)
  tally('errors 0 → 5 %', 'errorRate', errors)
  const drift = compareBaselines(bases[0], await run(500, { outputFactor: 3 }))
  tally('answers 3× longer', 'all', [drift])
  console.log(
    `\n${COMPARISONS} comparisons, ${REQUESTS} requests per run, ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
  console.log(rows.join('\n'))
  console.log(`drift: ${drift.benches[0]?.notComparable.join('; ')}`)
  rmSync(root, { recursive: true, force: true })
})
