/**
 * Markdown building blocks: tables, images, escaping. Pure; GitHub-flavoured Markdown.
 */

/** Column alignment in a table. */
export type Align = 'left' | 'right' | 'center'

/** Escapes text for a table cell (pipes, newlines) or inline prose (`*`, `_`, backticks, brackets). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`[\]<>])/g, '\\$1')
    .replace(/\r?\n/g, ' ')
}

/**
 * A GitHub-flavoured Markdown table. Cells are escaped; numbers should already be formatted.
 * @param align per column; missing columns align left. Numeric columns read best right-aligned.
 */
export function markdownTable(headers: string[], rows: string[][], align: Align[] = []): string {
  const marker = (index: number): string => {
    const a = align[index] ?? 'left'
    return a === 'right' ? '---:' : a === 'center' ? ':---:' : '---'
  }
  const line = (cells: string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`
  return [line(headers), `| ${headers.map((_, i) => marker(i)).join(' | ')} |`, ...rows.map(line)].join('\n')
}

/** An embedded image: `![alt](path)`; the path is used as given (relative to report.md). */
export function markdownImage(alt: string, path: string): string {
  return `![${escapeMarkdown(alt)}](${encodeURI(path)})`
}

/** A bullet list; empty input gives an empty string. */
export function markdownList(items: string[]): string {
  return items.map(item => `- ${item}`).join('\n')
}
