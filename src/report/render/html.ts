/**
 * `renderHtml(markdown, svgOf)` → report.html: the same report as report.md, self-contained — the
 * charts inlined as SVG, tables sortable by a tiny inline script, no network. Converts only the
 * Markdown our renderers write (headings, paragraphs, bullet lists, GFM tables, images, bold, the
 * escapes of `escapeMarkdown`). Pure: strings in, string out.
 */

/** The SVG text of a chart referenced as `charts/<fileName>`; `null` when it was not written. */
export type SvgOf = (path: string) => string | null

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px}
th{background:#f3f3f3;cursor:pointer;user-select:none}th[data-dir]::after{content:attr(data-dir)}
td.r,th.r{text-align:right}figure{margin:1em 0}figure svg{max-width:100%;height:auto}
h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}li{margin:.3em 0}`

/** Sorts a table by the clicked column: numbers (leading number of the cell) numerically, else text. */
const SCRIPT = `document.querySelectorAll('table').forEach(function(t){
var hs=t.querySelectorAll('th');hs.forEach(function(h,i){h.addEventListener('click',function(){
var up=h.getAttribute('data-dir')!==' ▲';hs.forEach(function(o){o.removeAttribute('data-dir')});
h.setAttribute('data-dir',up?' ▲':' ▼');var b=t.tBodies[0];var rows=Array.prototype.slice.call(b.rows);
var key=function(r){var s=r.cells[i].textContent.replace(/[\\s,$]/g,'');var n=parseFloat(s);return isNaN(n)?s:n};
rows.sort(function(a,c){var x=key(a),y=key(c);
var d=typeof x==='number'&&typeof y==='number'?x-y:String(x).localeCompare(String(y));return up?d:-d});
rows.forEach(function(r){b.appendChild(r)})})})});`

/**
 * Renders report.html from report.md.
 *
 * @param markdown - the report as `renderReport` wrote it
 * @param svgOf - the SVG text of a chart path (as linked from the Markdown)
 * @param title - the page title
 */
export function renderHtml(markdown: string, svgOf: SvgOf, title: string): string {
  const body: string[] = []
  const lines = markdown.split('\n')
  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    if (line.trim() === '') {
      i++
    } else if (/^#{1,6} /.test(line)) {
      const level = line.indexOf(' ')
      const text = line.slice(level + 1)
      body.push(`<h${level} id="${slug(unescape(text))}">${inline(text)}</h${level}>`)
      i++
    } else if (line.startsWith('| ')) {
      const block: string[] = []
      while (i < lines.length && lines[i].startsWith('| ')) block.push(lines[i++])
      body.push(table(block))
    } else if (line.startsWith('- ')) {
      const items: string[] = []
      while (i < lines.length && lines[i].startsWith('- ')) items.push(`<li>${inline(lines[i++].slice(2))}</li>`)
      body.push(`<ul>\n${items.join('\n')}\n</ul>`)
    } else if (/^!\[.*\]\(.*\)$/.test(line)) {
      body.push(figure(line, svgOf))
      i++
    } else {
      body.push(`<p>${inline(line)}</p>`)
      i++
    }
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

/** Splits a GFM table row into raw cells (an escaped `\|` stays inside its cell). */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map(c => c.trim())
}

function table(block: string[]): string {
  const headers = cells(block[0])
  const right = cells(block[1]).map(m => m.endsWith(':') && !m.startsWith(':'))
  const cls = (j: number): string => (right[j] ? ' class="r"' : '')
  const head = `<tr>${headers.map((h, j) => `<th${cls(j)}>${inline(h)}</th>`).join('')}</tr>`
  const rows = block.slice(2).map(
    r =>
      `<tr>${cells(r)
        .map((c, j) => `<td${cls(j)}>${inline(c)}</td>`)
        .join('')}</tr>`,
  )
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
}

function figure(line: string, svgOf: SvgOf): string {
  const m = /^!\[(.*)\]\((.*)\)$/.exec(line)!
  const alt = unescape(m[1])
  const path = decodeURI(m[2])
  const svg = svgOf(path)
  const id = slug(path.replace(/^charts\//, '').replace(/\.svg$/, ''))
  if (svg === null) return `<p id="${id}">Chart missing: ${escapeHtml(path)}</p>`
  const inlineSvg = svg.replace(/^<\?xml[^>]*>\s*/, '')
  return `<figure id="${id}" title="${escapeHtml(alt)}">${inlineSvg}</figure>`
}

/** Inline Markdown → HTML: escapes, `**bold**`, then the Markdown escapes removed. */
function inline(text: string): string {
  const parts = text.split(/(?<!\\)\*\*/)
  return parts
    .map((p, k) => (k % 2 === 1 ? `<strong>${escapeHtml(unescape(p))}</strong>` : escapeHtml(unescape(p))))
    .join('')
}

/** Undoes `escapeMarkdown`. */
function unescape(text: string): string {
  return text.replace(/\\([\\|*_`[\]<>])/g, '$1')
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
