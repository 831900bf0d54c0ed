import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { planSegments } from './plan-segments.ts'
import type { SizedFile } from './plan-segments.ts'

const dir = mkdtempSync(join(tmpdir(), 'plan-segments-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): SizedFile {
  const path = join(dir, name)
  writeFileSync(path, text)
  return { path, bytes: Buffer.byteLength(text) }
}

function lines(count: number, width: (i: number) => number): string {
  return Array.from({ length: count }, (_, i) => `${i}:${'x'.repeat(width(i))}\n`).join('')
}

describe('planSegments', () => {
  const files = [
    file(
      'a.jsonl',
      lines(200, i => (i * 37) % 90),
    ),
    file('empty.jsonl', ''),
    file('b.jsonl', `${lines(50, i => (i * 11) % 300)}no newline at the end`),
    file(
      'c.jsonl',
      lines(3, () => 5),
    ),
  ]
  const total = files.reduce((s, f) => s + f.bytes, 0)

  for (const parts of [1, 2, 3, 4, 7, 40]) {
    test(`${parts} part(s): every byte exactly once, in order, cut only after a newline`, () => {
      const plan = planSegments(files, parts)
      expect(plan.length).toBeLessThanOrEqual(parts)
      expect(plan.every(p => p.length > 0)).toBe(true)
      const flat = plan.flat()
      for (const f of files) {
        const own = flat.filter(s => s.path === f.path)
        const text = readFileSync(f.path)
        expect(Buffer.concat(own.map(s => text.subarray(s.startByte, s.endByte)))).toEqual(text)
        for (const s of own) {
          expect(s.endByte).toBeGreaterThan(s.startByte)
          if (s.startByte > 0) expect(text[s.startByte - 1]).toBe(10)
        }
      }
      expect(flat.map(s => files.findIndex(f => f.path === s.path))).toEqual(
        [...flat.map(s => files.findIndex(f => f.path === s.path))].sort((x, y) => x - y),
      )
      // parts are about equal: none exceeds its share by more than the longest line
      if (parts <= 4)
        for (const p of plan)
          expect(p.reduce((n, s) => n + s.endByte - s.startByte, 0)).toBeLessThan(total / parts + 400)
    })
  }

  test('a single line longer than a part is never split', () => {
    const long = file('long.jsonl', `${'y'.repeat(5000)}\nshort\n`)
    const plan = planSegments([long], 4)
    expect(plan.flat().map(s => [s.startByte, s.endByte])).toEqual([
      [0, 5001],
      [5001, 5007],
    ])
  })

  test('a file that grew since it was sized is cut only within its planned bytes', () => {
    const grown = file('grown.jsonl', `${lines(5, () => 40)}`)
    const next = file(
      'next.jsonl',
      lines(4, () => 40),
    )
    const planned = { path: grown.path, bytes: grown.bytes - 20 } // sized mid-line, before the last write ended
    const plan = planSegments([planned, next], 2)
    const text = readFileSync(next.path)
    for (const s of plan.flat().filter(x => x.path === next.path && x.startByte > 0))
      expect(text[s.startByte - 1]).toBe(10)
    for (const s of plan.flat().filter(x => x.path === grown.path)) expect(s.endByte).toBeLessThanOrEqual(planned.bytes)
  })

  test('no files, or only empty ones: no parts', () => {
    expect(planSegments([], 2)).toEqual([])
    expect(planSegments([files[1]], 2)).toEqual([])
  })
})
