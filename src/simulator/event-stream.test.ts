import { describe, expect, test } from 'vitest'
import { decodeFrame, encodeEvent, encodeException, encodeMalformedFrame } from './event-stream.ts'

// bedrock-wire.md §3: the byte-exact messageStop frame, verified there with the SDK's own codec.
const MESSAGE_STOP_HEX = `
00 00 00 7a 00 00 00 51 ca 2c 46 65 0b 3a 65 76 65 6e 74 2d 74 79 70 65 07 00 0b 6d 65 73 73 61
67 65 53 74 6f 70 0d 3a 63 6f 6e 74 65 6e 74 2d 74 79 70 65 07 00 10 61 70 70 6c 69 63 61 74 69
6f 6e 2f 6a 73 6f 6e 0d 3a 6d 65 73 73 61 67 65 2d 74 79 70 65 07 00 05 65 76 65 6e 74 7b 22 73
74 6f 70 52 65 61 73 6f 6e 22 3a 22 65 6e 64 5f 74 75 72 6e 22 7d 5f bf 09 fc`

describe('event-stream frames', () => {
  test('messageStop frame is byte-identical to the reference', () => {
    const frame = encodeEvent('messageStop', { stopReason: 'end_turn' })
    expect(Buffer.from(frame).toString('hex')).toBe(MESSAGE_STOP_HEX.replace(/\s+/g, ''))
  })

  test('exception frames carry :message-type exception and the camelCase :exception-type', () => {
    const { headers, payload } = decodeFrame(encodeException('throttlingException', { message: 'Too many tokens' }))
    expect(headers).toEqual({
      ':exception-type': 'throttlingException',
      ':content-type': 'application/json',
      ':message-type': 'exception',
    })
    expect(JSON.parse(payload)).toEqual({ message: 'Too many tokens' })
  })

  test('a malformed frame fails the CRC check', () => {
    expect(() => decodeFrame(encodeMalformedFrame('contentBlockDelta', { contentBlockIndex: 0 }))).toThrow(/checksum/i)
  })
})
