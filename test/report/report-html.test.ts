/**
 * Opens report.html in a real headless Chromium (Debian's `chromium` package): every inline chart
 * must render (non-empty bounding box), the page must log no console error and make no network
 * request, and the sortable tables must sort. A screenshot is saved under results/. In CI
 * (`CI=true`) a missing browser fails the test; on a developer's machine it is skipped with the
 * install command.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { writeRunReport } from '../../src/report/write-run-report.ts'
import { syntheticJsonl } from '../reporter/synthetic-samples.ts'

const CHROMIUM = '/usr/bin/chromium'
const INSTALL = 'apt-get install chromium'
const present = existsSync(CHROMIUM)
if (!present && process.env.CI === 'true') {
  throw new Error(`${CHROMIUM} is missing: CI must test report.html in a real browser. Run \`${INSTALL}\`.`)
}
if (!present) console.warn(`report.html browser test skipped: ${CHROMIUM} not found (run \`${INSTALL}\`).`)

const repo = fileURLToPath(new URL('../../', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'bb-report-html-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe.skipIf(!present)('report.html in headless Chromium', () => {
  it('renders every chart, logs no error, sorts a table; screenshot under results/', async () => {
    writeFileSync(
      join(root, 'samples.jsonl'),
      syntheticJsonl({ benchName: 'sweep', levels: [1, 16, 64], requestsPerLevel: 20, throttleEvery: 25 }) +
        syntheticJsonl({ benchName: 'plain', operation: 'converse', requestsPerLevel: 20, baseTtftMs: 800, runs: 3 }),
    )
    const result = await writeRunReport(root)
    expect(result.problems).toEqual([])
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
      const errors: string[] = []
      const requests: string[] = []
      page.on('console', m => {
        if (m.type() === 'error') errors.push(m.text())
      })
      page.on('pageerror', e => errors.push(e.message))
      page.on('request', r => {
        if (!r.url().startsWith('file:')) requests.push(r.url())
      })
      await page.goto(pathToFileURL(join(root, 'report.html')).href)
      const boxes = await page.$$eval('figure > svg', svgs =>
        svgs.map(s => {
          const r = s.getBoundingClientRect()
          return { w: r.width, h: r.height, marks: s.querySelectorAll('path, rect, circle, line').length }
        }),
      )
      const charts = result.written.filter(p => p.endsWith('.svg')).length
      expect(charts).toBeGreaterThan(5)
      expect(boxes).toHaveLength(charts)
      for (const b of boxes) {
        expect(b.w).toBeGreaterThan(100)
        expect(b.h).toBeGreaterThan(100)
        expect(b.marks).toBeGreaterThan(3)
      }
      // the summary table sorts by its "TTFT p50" column: ascending on a click, descending on the next
      const ttftColumn = async (): Promise<number[]> =>
        page.$$eval('table:first-of-type tbody tr', (rows: HTMLTableRowElement[]) =>
          rows.map(r => parseFloat(r.cells[2].textContent ?? '')),
        )
      await page.click('table:first-of-type th:nth-child(3)')
      const ascending = await ttftColumn()
      await page.click('table:first-of-type th:nth-child(3)')
      const descending = await ttftColumn()
      expect(new Set(ascending).size).toBe(2)
      expect(ascending).toEqual([...ascending].sort((x, y) => x - y))
      expect(descending).toEqual([...ascending].reverse())
      expect(errors).toEqual([])
      expect(requests).toEqual([])
      mkdirSync(join(repo, 'results'), { recursive: true })
      await page.screenshot({ path: join(repo, 'results', 'report-html.png'), fullPage: false })
    } finally {
      await browser.close()
    }
  }, 60_000)
})
