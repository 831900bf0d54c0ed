/**
 * Acceptance 1 of issue 14: the unmodified AWS SDK v3 clients (S3, Bedrock control plane, Bedrock
 * Runtime) run a full batch flow and an async-invoke flow against the simulator. Every output line
 * is checked against the documented format, and the manifest's counts against the lines.
 */
import {
  BedrockClient,
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
  StopModelInvocationJobCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock'
import {
  BedrockRuntimeClient,
  GetAsyncInvokeCommand,
  ListAsyncInvokesCommand,
  StartAsyncInvokeCommand,
} from '@aws-sdk/client-bedrock-runtime'
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'
import { fastProfiles } from './sim-fixture.ts'

const credentials = { accessKeyId: 'BEDROCKBENCHSIM', secretAccessKey: 'bedrock-bench-simulator' }
const MODEL = 'anthropic.claude-3-5-haiku-20241022-v1:0'
const ROLE = 'arn:aws:iam::123456789012:role/BatchRole'

let sim: Simulator
let s3: S3Client
let bedrock: BedrockClient
let runtime: BedrockRuntimeClient

beforeAll(async () => {
  // 1 simulated hour per wall second; 100 records/s: queue 60 s + 120 s ≈ 0.05 s wall, processing 0.003 s
  sim = await startSimulator({
    models: await fastProfiles(),
    batch: { timeScale: 3600, recordsPerSec: 100, minRecordsPerJob: 10, asyncQueueSec: 1 },
  })
  const common = { endpoint: sim.url, region: 'us-east-1', credentials, maxAttempts: 1 }
  s3 = new S3Client({ ...common, forcePathStyle: true })
  bedrock = new BedrockClient(common)
  runtime = new BedrockRuntimeClient(common)
})
afterAll(async () => {
  s3.destroy()
  bedrock.destroy()
  runtime.destroy()
  await sim.close()
})

const record = (i: number): string =>
  JSON.stringify({
    recordId: `REC${String(i).padStart(8, '0')}`,
    modelInput: {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 64,
      messages: [{ role: 'user', content: [{ type: 'text', text: `Summarise document ${i}.` }] }],
    },
  })

async function text(bucket: string, key: string): Promise<string> {
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return got.Body!.transformToString()
}

async function pollUntilEnded(jobArn: string): Promise<string[]> {
  const seen: string[] = []
  for (let i = 0; i < 400; i++) {
    const job = await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }))
    if (seen.at(-1) !== job.status) seen.push(job.status!)
    if (['Completed', 'PartiallyCompleted', 'Failed', 'Stopped', 'Expired'].includes(job.status!)) return seen
    await new Promise(r => setTimeout(r, 5))
  }
  throw new Error(`job did not end: ${seen.join(' → ')}`)
}

describe('batch inference through the unmodified SDK clients', () => {
  test('upload JSONL, create, poll to Completed, read .jsonl.out and manifest.json.out', async () => {
    const lines = Array.from({ length: 24 }, (_, i) => record(i))
    lines.splice(5, 0, '{not json')
    lines.splice(9, 0, JSON.stringify({ recordId: 'NOINPUT0001' }))
    await s3.send(new PutObjectCommand({ Bucket: 'in-bucket', Key: 'jobs/a/records.jsonl', Body: lines.join('\n') }))
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'in-bucket', Key: 'jobs/a/records.jsonl' }))
    expect(head.ContentLength).toBe(Buffer.byteLength(lines.join('\n')))

    const created = await bedrock.send(
      new CreateModelInvocationJobCommand({
        jobName: 'acceptance-1',
        roleArn: ROLE,
        modelId: MODEL,
        inputDataConfig: { s3InputDataConfig: { s3Uri: 's3://in-bucket/jobs/a/records.jsonl' } },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://out-bucket/results/' } },
      }),
    )
    expect(created.jobArn).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:model-invocation-job\/[a-z0-9]{12}$/)
    const seen = await pollUntilEnded(created.jobArn!)
    expect(seen.at(-1)).toBe('Completed')
    const job = await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: created.jobArn }))
    expect(job.submitTime).toBeInstanceOf(Date)
    expect(job.endTime!.getTime() - job.submitTime!.getTime()).toBeGreaterThanOrEqual(365_000) // 5+60+300 s queueing
    expect(job).toMatchObject({ totalRecordCount: 26, processedRecordCount: 26, errorRecordCount: 2 })

    const jobId = created.jobArn!.split('/').pop()!
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'out-bucket', Prefix: `results/${jobId}/` }))
    expect(listed.Contents!.map(o => o.Key).sort()).toEqual([
      `results/${jobId}/manifest.json.out`,
      `results/${jobId}/records.jsonl.out`,
    ])
    const out = (await text('out-bucket', `results/${jobId}/records.jsonl.out`)).trim().split('\n')
    const parsed = out.map(l => JSON.parse(l) as Record<string, unknown>)
    for (const line of parsed) {
      expect(typeof line.recordId).toBe('string')
      expect('modelInput' in line).toBe(true)
      expect(Object.keys(line).sort()).toEqual(
        'error' in line ? ['error', 'modelInput', 'recordId'] : ['modelInput', 'modelOutput', 'recordId'],
      )
      if ('error' in line) expect(line.error).toEqual({ errorCode: 400, errorMessage: expect.any(String) as string })
      else
        expect(line.modelOutput).toMatchObject({
          type: 'message',
          role: 'assistant',
          usage: { input_tokens: expect.any(Number) as number },
        })
    }
    const manifest = JSON.parse(await text('out-bucket', `results/${jobId}/manifest.json.out`)) as Record<
      string,
      number
    >
    const ok = parsed.filter(l => 'modelOutput' in l) as Array<{ modelOutput: { usage: Record<string, number> } }>
    expect(manifest).toEqual({
      totalRecordCount: out.length,
      processedRecordCount: out.length,
      successRecordCount: ok.length,
      errorRecordCount: out.length - ok.length,
      inputTokenCount: ok.reduce((a, l) => a + l.modelOutput.usage.input_tokens, 0),
      outputTokenCount: ok.reduce((a, l) => a + l.modelOutput.usage.output_tokens, 0),
    })
    expect(manifest.errorRecordCount).toBe(2)
    const summaries = await bedrock.send(new ListModelInvocationJobsCommand({ nameContains: 'acceptance' }))
    expect(summaries.invocationJobSummaries!.map(s => s.jobArn)).toContain(created.jobArn)
  })

  test('too few records is refused with ValidationException; Stop leaves the job Stopped', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'in-bucket', Key: 'small.jsonl', Body: record(1) }))
    const small = bedrock.send(
      new CreateModelInvocationJobCommand({
        jobName: 'too-small',
        roleArn: ROLE,
        modelId: MODEL,
        inputDataConfig: { s3InputDataConfig: { s3Uri: 's3://in-bucket/small.jsonl' } },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://out-bucket/small/' } },
      }),
    )
    await expect(small).rejects.toBeInstanceOf(ValidationException)
    await expect(small).rejects.toThrow(/fewer than the minimum of 10/)

    const body = Array.from({ length: 12 }, (_, i) => record(i)).join('\n')
    await s3.send(new PutObjectCommand({ Bucket: 'in-bucket', Key: 'stop/records.jsonl', Body: body }))
    const created = await bedrock.send(
      new CreateModelInvocationJobCommand({
        jobName: 'to-stop',
        roleArn: ROLE,
        modelId: MODEL,
        inputDataConfig: { s3InputDataConfig: { s3Uri: 's3://in-bucket/stop/' } },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://out-bucket/stop/' } },
      }),
    )
    await bedrock.send(new StopModelInvocationJobCommand({ jobIdentifier: created.jobArn }))
    expect((await pollUntilEnded(created.jobArn!)).at(-1)).toBe('Stopped')
    const job = await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: created.jobArn }))
    expect(job).toMatchObject({ status: 'Stopped', totalRecordCount: 12, processedRecordCount: 0 })
  })
})

test('async invoke: start, poll to Completed, read output.json from S3', async () => {
  const started = await runtime.send(
    new StartAsyncInvokeCommand({
      modelId: MODEL,
      modelInput: {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 32,
        messages: [{ role: 'user', content: 'Hi' }],
      },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://async-out/run1' } },
    }),
  )
  expect(started.invocationArn).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:async-invoke\/[a-z0-9]{12}$/)
  let status = 'InProgress'
  for (let i = 0; i < 400 && status === 'InProgress'; i++) {
    const got = await runtime.send(new GetAsyncInvokeCommand({ invocationArn: started.invocationArn }))
    status = got.status!
    expect(got.submitTime).toBeInstanceOf(Date)
    if (status === 'InProgress') await new Promise(r => setTimeout(r, 5))
  }
  expect(status).toBe('Completed')
  const id = started.invocationArn!.split('/').pop()!
  const output = JSON.parse(await text('async-out', `run1/${id}/output.json`)) as Record<string, unknown>
  expect(output).toMatchObject({ type: 'message', content: [{ type: 'text', text: expect.any(String) as string }] })
  const list = await runtime.send(new ListAsyncInvokesCommand({}))
  expect(list.asyncInvokeSummaries!.map(s => s.invocationArn)).toContain(started.invocationArn)
})

test('the default storage directory is removed on close', async () => {
  const own = await startSimulator({ models: await fastProfiles() })
  expect(existsSync(own.storageDir)).toBe(true)
  await own.close()
  expect(existsSync(own.storageDir)).toBe(false)
})
