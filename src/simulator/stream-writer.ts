/**
 * Writes event-stream frames to a response, batching frames queued in one tick into one write, and
 * applies in-stream faults after N events: an exception frame, a connection/stream reset, a frame
 * with a bad CRC, or a stall (reported to the engine, which pauses).
 *
 * `res.write()` only queues: HTTP/1.1 corks the socket until `process.nextTick`, HTTP/2 hands the
 * frame to nghttp2, which writes to the socket in a later `setImmediate`. The write callback is the
 * first moment JS can see the bytes accepted by the kernel, so {@link StreamWriter.flush} reports
 * that moment (the simulator's ground truth, `firstTokenWrittenAt` / `lastTokenWrittenAt`).
 */
import { encodeEvent, encodeException, encodeMalformedFrame } from './event-stream.ts'
import { isInStreamFault, stallMsOf, type FaultRule } from './faults.ts'
import type { OnWritten } from './generation.ts'
import { out, resetResponse, sendHead, type AnyResponse } from './inference-call.ts'

/** `write` with its completion callback (both response classes have it; `Out` omits it). */
type WriteWithCallback = (chunk: Uint8Array, callback: (error?: Error | null) => void) => boolean

/** Frame writer of one streaming response. */
export class StreamWriter {
  /** Events queued so far (fault frames excluded). */
  events = 0
  readonly #res: AnyResponse
  readonly #fault: FaultRule | null
  readonly #controller: AbortController
  #pending: Uint8Array[] = []
  #stallMs = 0
  #faultDone = false

  constructor(res: AnyResponse, fault: FaultRule | null, controller: AbortController) {
    this.#res = res
    this.#controller = controller
    this.#fault = fault && isInStreamFault(fault.kind) ? fault : null
  }

  /** Sends the 200 head with the event-stream content type plus `headers`. */
  open(headers: Record<string, string | number> = {}): void {
    sendHead(this.#res, { 'content-type': 'application/vnd.amazon.eventstream', ...headers })
    if (this.#fault && (this.#fault.afterEvents ?? 1) <= 0) this.#strike()
  }

  /** Queues one event frame. */
  event(eventType: string, payload: unknown): void {
    if (this.#controller.signal.aborted) return
    this.#pending.push(encodeEvent(eventType, payload))
    this.events++
    if (this.#fault && !this.#faultDone && this.events >= (this.#fault.afterEvents ?? 1)) this.#strike()
  }

  /**
   * Writes the queued frames in one write. Returns a registration for the moment the bytes were
   * handed to the socket (`performance.now()` ms, measured in the write callback; never called when
   * the write failed), or `undefined` when nothing was written.
   */
  flush(): OnWritten | undefined {
    if (this.#pending.length === 0 || this.#res.destroyed) return undefined
    const chunk = this.#pending.length === 1 ? this.#pending[0] : Buffer.concat(this.#pending)
    this.#pending = []
    let listener: ((writtenAt: number) => void) | null = null
    let writtenAt: number | null = null // in case a callback ever fires before the registration
    const res = out(this.#res) as unknown as { write: WriteWithCallback }
    res.write(chunk, error => {
      if (error) return
      writtenAt = performance.now()
      listener?.(writtenAt)
    })
    return l => {
      listener = l
      if (writtenAt !== null) l(writtenAt)
    }
  }

  /** The stall a `stall` fault asked for (ms); 0 afterwards. */
  takeStallMs(): number {
    const ms = this.#stallMs
    this.#stallMs = 0
    return ms
  }

  /** Flushes and ends the body. */
  end(): void {
    if (this.#controller.signal.aborted) return
    this.flush()
    this.#res.end()
  }

  #strike(): void {
    const fault = this.#fault!
    this.#faultDone = true
    switch (fault.kind) {
      case 'stall':
        this.#stallMs = stallMsOf(fault)
        return
      case 'stream-exception':
        this.#pending.push(
          encodeException(fault.exceptionType ?? 'throttlingException', {
            message:
              fault.exceptionType === undefined || fault.exceptionType === 'throttlingException'
                ? 'Too many tokens, please wait before trying again.'
                : `Simulated ${fault.exceptionType} after ${this.events} events.`,
            ...(fault.exceptionType === 'modelStreamErrorException'
              ? { originalStatusCode: 500, originalMessage: 'Simulated model stream error.' }
              : {}),
          }),
        )
        this.flush()
        this.#res.end()
        break
      case 'malformed-frame':
        this.#pending.push(
          encodeMalformedFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'corrupt' } }),
        )
        this.flush()
        this.#res.end()
        break
      case 'reset':
        this.flush()
        resetResponse(this.#res)
        break
      default:
        return
    }
    this.#controller.abort()
  }
}
