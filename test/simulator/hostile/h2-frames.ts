/** Raw HTTP/2 frames (RFC 9113 §4.1) for hostile clients that write bytes, not requests. */

/** The client connection preface. */
export const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')

/** One frame: 24-bit length, type, flags, 31-bit stream id, payload. */
export function h2Frame(type: number, flags: number, streamId: number, payload: Uint8Array): Buffer {
  const head = Buffer.alloc(9)
  head.writeUIntBE(payload.length, 0, 3)
  head.writeUInt8(type, 3)
  head.writeUInt8(flags, 4)
  head.writeUInt32BE(streamId & 0x7fffffff, 5)
  return Buffer.concat([head, payload])
}

/** An empty SETTINGS frame (the client's part of the preface). */
export function settingsFrame(): Buffer {
  return h2Frame(0x4, 0, 0, new Uint8Array())
}
