/**
 * Checks of the batch, async-invoke and service-tier options (pure), in the one problem format:
 * on AWS a batch job needs its S3 URIs and IAM role, supplied records need `modelInput` objects,
 * and a job may not have fewer records than the job minimum. Nothing is sent before these pass.
 */
import type { Problems } from './problems.ts'

const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/.+$/

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function checkS3Uri(p: Problems, option: string, v: unknown, required: boolean, fix: string): void {
  if (v === undefined && !required) return
  if (typeof v !== 'string' || !S3_URI.test(v)) p.add(option, 'an S3 URI `s3://bucket/prefix`', v, fix)
}

/** The number of records a batch job of these options will have. */
export function batchRecordCount(o: Record<string, unknown>): number {
  const batch = isObject(o.batch) ? o.batch : {}
  if (Array.isArray(batch.inputRecords)) return batch.inputRecords.length
  if (typeof batch.records === 'number') return batch.records
  const load = isObject(o.load) ? o.load : {}
  return typeof load.requests === 'number' ? load.requests : 100
}

/** Adds the problems of `batch`, `asyncInvoke` and `serviceTier`. */
export function checkServiceOptions(p: Problems, o: Record<string, unknown>): void {
  const aws = o.target === 'aws'
  if (o.serviceTier !== undefined && !['priority', 'default', 'flex'].includes(o.serviceTier as string))
    p.add('serviceTier', "`'priority'`, `'default'` or `'flex'`", o.serviceTier, 'Omit it for the Standard tier.')
  if (o.operation === 'async-invoke') {
    const a = isObject(o.asyncInvoke) ? o.asyncInvoke : {}
    checkS3Uri(p, 'asyncInvoke.outputS3Uri', a.outputS3Uri, aws, 'Name the bucket and prefix for the outputs.')
    p.num('asyncInvoke.pollIntervalMs', a.pollIntervalMs, 0, Infinity, 'Set the time between polls in ms.', true)
  }
  if (o.operation !== 'batch') return
  if (o.batch !== undefined && !isObject(o.batch))
    return p.add('batch', 'an object', o.batch, 'Pass e.g. `{ records: 200 }`.')
  const b = isObject(o.batch) ? o.batch : {}
  checkS3Uri(p, 'batch.inputS3Uri', b.inputS3Uri, aws, 'Name where the JSONL input goes, e.g. `s3://my-bucket/in/`.')
  checkS3Uri(p, 'batch.outputS3Uri', b.outputS3Uri, aws, 'Name the output prefix, e.g. `s3://my-bucket/out/`.')
  if ((aws || b.roleArn !== undefined) && (typeof b.roleArn !== 'string' || !ROLE_ARN.test(b.roleArn)))
    p.add(
      'batch.roleArn',
      'an IAM role ARN `arn:aws:iam::<account>:role/<name>`',
      b.roleArn,
      'Create a service role Bedrock can assume to read the input and write the output bucket.',
    )
  if (b.invocationType !== undefined && b.invocationType !== 'InvokeModel' && b.invocationType !== 'Converse')
    p.add('batch.invocationType', "`'InvokeModel'` or `'Converse'`", b.invocationType, 'Omit it for native bodies.')
  p.int('batch.records', b.records, 1, 'Set it to the number of records of the job.')
  p.int('batch.minRecords', b.minRecords, 1, "Set it to your account's minimum records per job (100 by default).")
  p.num('batch.pollIntervalMs', b.pollIntervalMs, 0, Infinity, 'Set the time between polls in ms.', true)
  p.num('batch.stopAfterMs', b.stopAfterMs, 0, Infinity, 'Set when to stop the job, in ms after submission.')
  if (b.timeoutHours !== undefined) {
    const h = b.timeoutHours
    if (typeof h !== 'number' || !Number.isInteger(h) || h < 24 || h > 168)
      p.add('batch.timeoutHours', 'an integer 24..168', h, 'Omit it for 24 hours.')
  }
  if (b.inputRecords !== undefined) {
    if (!Array.isArray(b.inputRecords))
      p.add('batch.inputRecords', 'a list of `{ recordId?, modelInput }`', b.inputRecords, 'Pass an array.')
    else
      b.inputRecords.forEach((r: unknown, i: number) => {
        if (!isObject(r) || !isObject(r.modelInput))
          p.add(
            `batch.inputRecords[${i}].modelInput`,
            'an object (the InvokeModel or Converse body)',
            isObject(r) ? r.modelInput : r,
            'Give every record its model input.',
          )
      })
  }
  const min = typeof b.minRecords === 'number' ? b.minRecords : 100
  const count = batchRecordCount(o)
  if (count < min)
    p.add(
      'batch.records',
      `at least the job minimum of ${min} records`,
      count,
      'Add records, or send this few requests on demand instead (`operation: converse`).',
    )
}
