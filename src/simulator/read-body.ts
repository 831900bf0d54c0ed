/**
 * Reads a request body with a size limit (HTTP/1.1 and HTTP/2 alike), shared by the runtime,
 * control-plane and S3 routes.
 */
import type { AnyRequest } from './inference-call.ts'

/** Largest request body Bedrock accepts (bytes). */
export const MAX_BODY_BYTES = 25_000_000

/** Reads the body; `null` when it exceeded `limitBytes` (the rest is drained and dropped) or the client left. */
export function readBody(req: AnyRequest, limitBytes = MAX_BODY_BYTES): Promise<Buffer | null> {
  return new Promise(resolve => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limitBytes) chunks.push(chunk)
    })
    let ended = false
    req.on('end', () => {
      ended = true
      resolve(size > limitBytes ? null : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))
    })
    // A client that goes away mid-body: nothing to answer (sendError ignores destroyed responses).
    req.on('close', () => ended || resolve(null))
    req.on('error', () => resolve(null))
  })
}
