/**
 * Chat scenario: multi-turn conversations whose history grows turn by turn (a prompt generator),
 * arriving as a Poisson process at a moderate rate, open loop, so response times are measured from
 * each request's scheduled arrival (coordinated-omission corrected), as users experience them.
 */
import { expect, test } from 'vitest'
import {
  bedrockBench,
  readSamples,
  type Conversation,
  type ConversationMessage,
  type PromptContext,
} from '../../src/index.ts'

/** Turns per conversation: request `seq` is turn `seq % TURNS` of its conversation. */
const TURNS = 6
const SYSTEM = 'You are a concise support assistant for a cloud benchmarking tool.'
const QUESTIONS = [
  'How do I measure time to first token?',
  'Why does p99 latency grow when I add concurrency?',
  'What is the difference between RPM and TPM quotas?',
  'Should I stream responses in a chat application?',
  'How many warm-up requests do I need?',
  'What does a ThrottlingException mean for my users?',
]
/** A stand-in for the assistant's earlier answers (~60 tokens each). */
const ANSWER =
  'It depends on the workload. Measure it under realistic load, keep the prompt stable, and compare the ' +
  'percentiles rather than the mean, because the tail is what users notice first when the service is busy.'

/** Turn `k` of a conversation: `k` earlier question/answer pairs, then a new question. */
function chatTurn(ctx: PromptContext): Conversation {
  const turn = ctx.seq % TURNS
  const messages: ConversationMessage[] = []
  for (let i = 0; i < turn; i++) {
    messages.push({ role: 'user', text: QUESTIONS[(ctx.seq - turn + i) % QUESTIONS.length] })
    messages.push({ role: 'assistant', text: ANSWER })
  }
  messages.push({ role: 'user', text: QUESTIONS[Math.floor(ctx.rng() * QUESTIONS.length)] })
  return { system: SYSTEM, messages }
}

test('multi-turn chat, Poisson arrivals at 5 req/s', async ({ bench }) => {
  const r = await bedrockBench(bench, {
    name: 'chat-multi-turn',
    model: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    operation: 'converse-stream',
    prompt: chatTurn,
    maxTokens: 64,
    load: { rate: { perSec: 5, arrival: 'poisson' }, durationMs: 6000 },
  })
  expect(r.loadMode).toBe('open')
  expect(r.errorRate).toBe(0)
  expect(r.throttleRate).toBe(0)
  // seeded Poisson arrivals: the achieved start rate is near the target
  expect(r.levels[0].achievedRatePerSec).toBeGreaterThan(5 * 0.7)
  expect(r.levels[0].achievedRatePerSec).toBeLessThan(5 * 1.3)
  // open loop: response time (from scheduled arrival) is reported, and never below service time
  expect(r.responseTimeMs!.p50).toBeGreaterThanOrEqual(r.latencyMs!.p50)
  // the history reaches the model: input tokens (from usage, warm-up included) grow with the turn number
  const inputByTurn: number[][] = Array.from({ length: TURNS }, () => [])
  for await (const s of readSamples(r.samplesPath!)) {
    if (s.runId === r.runId && s.benchName === r.benchName && s.status === 'ok' && s.inputTokens !== null)
      inputByTurn[s.seq % TURNS].push(s.inputTokens)
  }
  const meanInput = inputByTurn.map(xs => xs.reduce((a, b) => a + b, 0) / xs.length)
  expect(meanInput[TURNS - 1]).toBeGreaterThan(4 * meanInput[0])
  for (let t = 1; t < TURNS; t++) expect(meanInput[t]).toBeGreaterThan(meanInput[t - 1])
  console.info(
    `[chat] ${r.outcomes.ok} turns at ${r.levels[0].achievedRatePerSec.toFixed(2)} req/s: TTFT p50 ` +
      `${r.ttftMs!.p50.toFixed(0)} ms, ` +
      (`response time p95 ${r.responseTimeMs!.p95.toFixed(0)} ms; mean input tokens by turn: ` +
        `${meanInput.map(x => x.toFixed(0)).join(' → ')}`),
  )
})
