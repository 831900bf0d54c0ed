/**
 * The JSONL input files of a batch job: the object at the input URI itself, or every `.jsonl`
 * object under it when the URI names a folder (prefix), in key order.
 */
import type { ObjectStore } from '../s3/object-store.ts'

/** One input file's key and text. */
export interface JsonlInput {
  key: string
  text: string
}

/** Reads the inputs at `s3://bucket/key`; empty when there are none. */
export async function readJsonlInputs(store: ObjectStore, bucket: string, key: string): Promise<JsonlInput[]> {
  const exact = key === '' ? null : await store.get(bucket, key)
  if (exact) return [{ key, text: exact.body.toString('utf8') }]
  const prefix = key === '' || key.endsWith('/') ? key : `${key}/`
  const inputs: JsonlInput[] = []
  let after = ''
  for (;;) {
    const page = await store.list(bucket, prefix, after, 1000)
    for (const o of page.objects) {
      if (!o.key.endsWith('.jsonl')) continue
      const found = await store.get(bucket, o.key)
      if (found) inputs.push({ key: o.key, text: found.body.toString('utf8') })
    }
    if (page.nextAfter === null) return inputs
    after = page.nextAfter
  }
}
