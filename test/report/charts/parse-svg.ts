/** Parses an SVG string as XML with jsdom's DOMParser; throws on any XML error. */
import { JSDOM } from 'jsdom'

const { window } = new JSDOM('')

/** The parsed `<svg>` root. Throws with the parser's message when `svg` is not well-formed XML. */
export function parseSvg(svg: string): Element {
  const doc = new window.DOMParser().parseFromString(svg, 'image/svg+xml')
  const error = doc.getElementsByTagName('parsererror')[0]
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`)
  const root = doc.documentElement
  if (root.localName !== 'svg' || root.namespaceURI !== 'http://www.w3.org/2000/svg')
    throw new Error(`root is <${root.tagName}>, not an SVG <svg>`)
  return root
}

/** Text contents of the elements matching `selector`. */
export function texts(root: Element, selector: string): string[] {
  return [...root.querySelectorAll(selector)].map(e => e.textContent ?? '')
}
