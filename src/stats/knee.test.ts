import { expect, test } from 'vitest'
import { findKnee, type KneePoint } from './knee.ts'

const sweep = (throughput: number[], p95: number[]): KneePoint[] =>
  [1, 2, 4, 8, 16].map((x, i) => ({ x, throughput: throughput[i], p95LatencyMs: p95[i] }))

test('knee where latency is 1.8× baseline and the step bought only 7.7 % throughput', () => {
  const knee = findKnee(sweep([10, 20, 39, 42, 43], [100, 102, 110, 180, 350]))
  const gain: unknown = expect.closeTo(3 / 39, 12)
  expect(knee).toEqual({ index: 3, x: 8, latencyRatio: 1.8, throughputGain: gain })
})

test('no knee while throughput keeps scaling, even if latency rises', () => {
  expect(findKnee(sweep([10, 20, 40, 80, 160], [100, 150, 200, 300, 400]))).toBeNull()
})

test('no knee while latency stays near baseline, even if throughput is flat', () => {
  expect(findKnee(sweep([10, 10, 10, 10, 10], [100, 110, 120, 130, 140]))).toBeNull()
})

test('thresholds are options; input must be ascending', () => {
  const pts = sweep([10, 20, 39, 42, 43], [100, 102, 110, 180, 350])
  expect(findKnee(pts, { latencyFactor: 2 })!.x).toBe(16)
  expect(findKnee(pts.slice(0, 1))).toBeNull()
  expect(() => findKnee([pts[1], pts[0]])).toThrow(/strictly ascending `x`/)
  expect(() => findKnee(pts, { latencyFactor: 1 })).toThrow(/`latencyFactor` must be > 1, got `1`/)
})
