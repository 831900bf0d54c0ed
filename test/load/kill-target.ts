/**
 * Subprocess for the kill -9 test: runs a long benchmark against the simulator at argv[2], writing
 * samples to the results directory argv[3], and prints "started" once a few samples are on disk.
 */
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { bedrockBench } from '../../src/measure/bedrock-bench.ts'

const [endpoint, resultsDir] = process.argv.slice(2)
const timer = setInterval(() => {
  const path = join(resultsDir, 'samples.jsonl')
  if (existsSync(path) && statSync(path).size > 4000) {
    console.log('started')
    clearInterval(timer)
  }
}, 20)
await bedrockBench(null, {
  name: 'killed',
  model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
  operation: 'converse-stream',
  prompt: { text: 'Tell me a story.' },
  maxTokens: 30,
  endpoint,
  resultsDir,
  load: { concurrency: 16, requests: 1_000_000, warmup: { requests: 0 } },
})
