import { expect, test } from 'vitest'
import { isInStreamFault, parseFaultRule, stallMsOf, STREAM_ENDING_FAULTS } from './faults.ts'

test('fault rules are validated with messages naming the field', () => {
  expect(parseFaultRule({ kind: 'stall', stallMs: 5 }, 'faults[0]')).toEqual({
    ok: true,
    rule: { kind: 'stall', stallMs: 5 },
  })
  expect(parseFaultRule({ kind: 'throttle', probability: 2 }, 'faults[1]')).toEqual({
    ok: false,
    message: 'faults[1]: `probability` must be between 0 and 1, got 2.',
  })
  expect(parseFaultRule({ kind: 'stream-exception', exceptionType: 'ThrottlingException' }, 'h')).toEqual({
    ok: false,
    message:
      'h: `exceptionType` must be a lowerCamelCase Bedrock exception such as "throttlingException", got ' +
      '"ThrottlingException".',
  })
})

test('in-stream kinds and the stall default', () => {
  expect(
    (['stream-exception', 'reset', 'malformed-frame', 'stall', 'throttle', 'slow-first-byte'] as const).filter(
      isInStreamFault,
    ),
  ).toEqual(['stream-exception', 'reset', 'malformed-frame', 'stall'])
  expect(STREAM_ENDING_FAULTS).toEqual(['stream-exception', 'reset', 'malformed-frame'])
  expect(stallMsOf({ kind: 'stall' })).toBe(1000)
  expect(stallMsOf({ kind: 'stall', stallMs: 0 })).toBe(0)
})
