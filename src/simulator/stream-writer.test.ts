import { expect, test } from 'vitest'
import type { AnyResponse } from './inference-call.ts'
import { StreamWriter } from './stream-writer.ts'

/** A response that records writes and completes them only when the test says so. */
function fakeResponse(): { res: AnyResponse; writes: { bytes: number; done: (error?: Error) => void }[] } {
  const writes: { bytes: number; done: (error?: Error) => void }[] = []
  const res = {
    destroyed: false,
    write(chunk: Uint8Array, callback: (error?: Error | null) => void) {
      writes.push({ bytes: chunk.length, done: error => callback(error ?? null) })
      return true
    },
  }
  return { res: res as unknown as AnyResponse, writes }
}

test('flush batches queued frames into one write and reports the write completion, not the queueing', () => {
  const { res, writes } = fakeResponse()
  const writer = new StreamWriter(res, null, new AbortController())
  writer.event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'a' } })
  writer.event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'b' } })
  const onWritten = writer.flush()
  expect(writes).toHaveLength(1)
  expect(writer.events).toBe(2)
  const seen: number[] = []
  onWritten!(at => seen.push(at))
  expect(seen).toEqual([]) // queued is not written
  const before = performance.now()
  writes[0].done()
  expect(seen).toHaveLength(1)
  expect(seen[0]).toBeGreaterThanOrEqual(before)
})

test('a failed write is never reported as written; an empty flush writes nothing', () => {
  const { res, writes } = fakeResponse()
  const writer = new StreamWriter(res, null, new AbortController())
  expect(writer.flush()).toBeUndefined()
  writer.event('messageStart', { role: 'assistant' })
  const seen: number[] = []
  writer.flush()!(at => seen.push(at))
  writes[0].done(new Error('EPIPE'))
  expect(seen).toEqual([])
})

test('a completion that comes before the registration is still reported', () => {
  const { res, writes } = fakeResponse()
  const writer = new StreamWriter(res, null, new AbortController())
  writer.event('messageStart', { role: 'assistant' })
  const onWritten = writer.flush()!
  writes[0].done()
  const seen: number[] = []
  onWritten(at => seen.push(at))
  expect(seen).toHaveLength(1)
})
