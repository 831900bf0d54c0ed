import { ThrottlingException } from '@aws-sdk/client-bedrock-runtime'
import { describe, expect, test } from 'vitest'
import { classifyError, scrubSecrets } from './classify-error.ts'

describe('classifyError', () => {
  test('typed SDK throttling → throttled with its HTTP status', () => {
    const err = new ThrottlingException({ message: 'Too many requests', $metadata: { httpStatusCode: 429 } })
    expect(classifyError(err, false, false, null)).toEqual({
      status: 'throttled',
      errorType: 'ThrottlingException',
      errorMessage: 'Too many requests',
      httpStatus: 429,
    })
  })

  test('in-stream throttling (no $metadata) after a 200 → throttled, status 200', () => {
    const err = Object.assign(new Error('slow down'), { name: 'ThrottlingException' })
    expect(classifyError(err, false, false, 200)).toMatchObject({ status: 'throttled', httpStatus: 200 })
  })

  test('user cancel wins over timeout; timeout wins over the abort error it caused', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' })
    expect(classifyError(abort, true, true, null).status).toBe('cancelled')
    expect(classifyError(abort, false, true, null)).toMatchObject({ status: 'timeout', errorType: 'Timeout' })
  })

  test('a socket error is typed by its code; 5xx by its name', () => {
    expect(
      classifyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), false, false, null),
    ).toMatchObject({ status: 'error', errorType: 'ECONNRESET', httpStatus: null })
    const e = Object.assign(new Error('busy'), {
      name: 'ServiceUnavailableException',
      $metadata: { httpStatusCode: 503 },
    })
    expect(classifyError(e, false, false, null)).toMatchObject({
      status: 'error',
      errorType: 'ServiceUnavailableException',
      httpStatus: 503,
    })
  })

  test('secrets never reach the sample', () => {
    const msg = 'bad Credential=AKIAABCDEFGHIJKLMNOP/2026/us-east-1, Signature=deadbeef Bearer abc.def'
    expect(scrubSecrets(msg)).toBe('bad Credential=[redacted], Signature=[redacted] Bearer [redacted]')
    expect(scrubSecrets('key AKIAABCDEFGHIJKLMNOP')).toBe('key [redacted-key]')
  })
})
