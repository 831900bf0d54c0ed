import type { Operation } from '../types.ts'

/**
 * Whether an operation streams its response (`converse-stream`, `invoke-stream`): only then is
 * TTFT distinct from latency and inter-token latency defined.
 *
 * @param operation - the Bedrock operation
 * @returns `true` for the streaming operations
 */
export function isStreamingOperation(operation: Operation): boolean {
  return operation === 'converse-stream' || operation === 'invoke-stream'
}
