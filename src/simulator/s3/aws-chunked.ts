/**
 * `aws-chunked` request bodies (pure): newer S3 clients may stream uploads as
 * `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n … 0\r\n<trailers>\r\n\r\n` with a trailing checksum.
 */
import type { IncomingHttpHeaders } from 'node:http'

/** True when the request body is `aws-chunked` encoded. */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const encoding = String(headers['content-encoding'] ?? '')
  const sha = String(headers['x-amz-content-sha256'] ?? '')
  return encoding.split(',').some(e => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-')
}

/** The payload of an `aws-chunked` body, or `null` when it is malformed. Trailers are ignored. */
export function decodeAwsChunked(raw: Buffer): Buffer | null {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const eol = raw.indexOf('\r\n', at)
    if (eol < 0) return null
    const size = Number.parseInt(raw.subarray(at, eol).toString('latin1').split(';', 1)[0], 16)
    if (!Number.isInteger(size) || size < 0) return null
    if (size === 0) return Buffer.concat(parts)
    const start = eol + 2
    if (start + size > raw.length) return null
    parts.push(raw.subarray(start, start + size))
    at = start + size + 2
  }
}
