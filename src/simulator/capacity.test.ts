import { describe, expect, test } from 'vitest'
import { CapacityPool } from './capacity.ts'

describe('CapacityPool', () => {
  test('grants slots, queues FIFO up to the limit, then rejects', async () => {
    const pool = new CapacityPool({ concurrentGenerations: 2, queueLimit: 1, decodeSlowdownPerActive: 0.1 })
    expect(pool.acquire().kind).toBe('granted')
    expect(pool.acquire().kind).toBe('granted')
    const queued = pool.acquire()
    expect(queued.kind).toBe('queued')
    expect(pool.acquire().kind).toBe('rejected')
    pool.release()
    if (queued.kind === 'queued') await queued.granted
    expect(pool.active).toBe(2)
    expect(pool.queued).toBe(0)
  })

  test('a cancelled waiter leaves the queue', () => {
    const pool = new CapacityPool({ concurrentGenerations: 1, queueLimit: 5, decodeSlowdownPerActive: 0 })
    pool.acquire()
    const waiting = pool.acquire()
    expect(waiting.kind).toBe('queued')
    expect(pool.queued).toBe(1)
    if (waiting.kind === 'queued') waiting.cancel()
    expect(pool.queued).toBe(0)
    pool.release()
    expect(pool.active).toBe(0)
  })

  test('decode slows by decodeSlowdownPerActive per generation above half of capacity', () => {
    const pool = new CapacityPool({ concurrentGenerations: 10, queueLimit: 0, decodeSlowdownPerActive: 0.1 })
    for (let i = 0; i < 5; i++) pool.acquire()
    expect(pool.slowdownFactor()).toBe(1)
    for (let i = 0; i < 3; i++) pool.acquire()
    expect(pool.slowdownFactor()).toBeCloseTo(1.3, 10)
  })
})
