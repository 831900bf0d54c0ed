import { describe, expect, it } from 'vitest'
import { FloatSeries } from './float-series.ts'

const of = (...values: number[]) => {
  const s = new FloatSeries(1)
  for (const v of values) s.push(v)
  return s
}

describe('FloatSeries', () => {
  it('grows past its initial capacity', () => {
    const s = of(1, 2, 3, 4, 5)
    expect([...s.view()]).toEqual([1, 2, 3, 4, 5])
    expect(s.length).toBe(5)
  })

  it('from() takes an array over without copying, and pushes past it (even an empty one)', () => {
    const values = new Float64Array([3, 1, 2])
    const s = FloatSeries.from(values)
    expect(s.view().buffer).toBe(values.buffer)
    s.push(7)
    expect([...s.view()]).toEqual([3, 1, 2, 7])
    const empty = FloatSeries.from(new Float64Array(0))
    empty.push(1)
    empty.push(2)
    expect([...empty.view()]).toEqual([1, 2])
  })

  it('from() accepts a view with an offset (a column received from another thread)', () => {
    const backing = new Float64Array([9, 9, 4, 5, 9])
    const s = FloatSeries.from(backing.subarray(2, 4))
    s.push(6)
    expect([...s.view()]).toEqual([4, 5, 6])
    expect([...backing]).toEqual([9, 9, 4, 5, 9])
  })

  it('append() concatenates in order', () => {
    const s = of(5, 1)
    s.append(of(4, 2, 3))
    s.append(new FloatSeries())
    expect([...s.view()]).toEqual([5, 1, 4, 2, 3])
    const e = new FloatSeries()
    e.append(of(1))
    expect([...e.view()]).toEqual([1])
  })

  it('mergeAscending() merges two ascending series into one ascending series', () => {
    const s = of(1, 3, 5, 7)
    s.mergeAscending(of(2, 3, 8))
    expect([...s.view()]).toEqual([1, 2, 3, 3, 5, 7, 8])
    const e = new FloatSeries()
    e.mergeAscending(of(2, 4))
    expect([...e.view()]).toEqual([2, 4])
    e.push(9)
    expect([...e.view()]).toEqual([2, 4, 9])
    const t = of(1, 2)
    t.mergeAscending(new FloatSeries())
    expect([...t.view()]).toEqual([1, 2])
  })
})
