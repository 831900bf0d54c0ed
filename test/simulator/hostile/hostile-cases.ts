/**
 * fast-check arbitraries of hostile exchanges, each carrying what the simulator must answer
 * (the {@link Expectation}): malformed JSON, wrong types, deep nesting and oversized bodies, bad
 * percent-encoding, unknown paths and methods, malformed and oversized HTTP/1.1 heads, raw and
 * truncated HTTP/2 frames, slowloris heads and bodies, abrupt resets — over HTTP/1.1 and HTTP/2.
 */
import fc from 'fast-check'
import type { ServerLimits } from '../../../src/simulator/limits.ts'
import { matchRoute } from '../../../src/simulator/routes.ts'
import type { H2Plan } from './h2-exchange.ts'
import type { Expectation } from './observation.ts'
import { h2Frame, PREFACE, settingsFrame } from './h2-frames.ts'
import type { Piece, RawPlan } from './raw-socket.ts'

/** One hostile exchange and what must come of it. */
export type HostileCase = { label: string; expect: Expectation } & (
  { transport: 'raw'; plan: RawPlan } | { transport: 'h2'; plan: Omit<H2Plan, 'boundMs'> & { boundMs: number } }
)

const MODELS = ['anthropic.claude-3-5-haiku-20241022-v1:0', 'amazon.nova-micro-v1:0', 'meta.llama3-1-8b-instruct-v1:0']
const OPS = ['converse', 'converse-stream', 'invoke', 'invoke-with-response-stream', 'count-tokens']
const CONVERSE_OPS = ['converse', 'converse-stream']

const validation = { status: 400, shape: 'ValidationException' }
const answer = (error: { status: number; shape: string }, closeOk = false): Expectation => ({
  errors: [error],
  closeOk,
})
const closeOnly: Expectation = { errors: [], closeOk: true }
const bytes = (text: string | Uint8Array): Uint8Array => (typeof text === 'string' ? Buffer.from(text) : text)

/** Hostile request content: method, path, body and the answer it must get. */
interface Request {
  label: string
  method: string
  path: string
  body: Uint8Array
  expect: Expectation
  headers?: Record<string, string>
}

const modelPath = fc
  .tuple(fc.constantFrom(...MODELS), fc.constantFrom(...OPS))
  .map(([model, op]) => `/model/${encodeURIComponent(model)}/${op}`)
const converseModelPath = fc
  .tuple(fc.constantFrom(...MODELS), fc.constantFrom(...CONVERSE_OPS))
  .map(([model, op]) => `/model/${encodeURIComponent(model)}/${op}`)

const notJson = fc.string({ maxLength: 200 }).filter(text => {
  try {
    JSON.parse(text)
    return false
  } catch {
    return true
  }
})

/** A JSON value of any type but `kind`. */
const anyJsonBut = (exclude: (v: unknown) => boolean): fc.Arbitrary<unknown> =>
  fc
    .oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 20 }),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
    )
    .filter(v => !exclude(v))

const isArray = (v: unknown): boolean => Array.isArray(v)
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v)
const validMessages = (): { role: string; content: unknown[] }[] => [{ role: 'user', content: [{ text: 'Hi' }] }]

/** A Converse body with one field of the wrong type (or out of range): each must be a 400. */
const wrongTypeBody: fc.Arbitrary<unknown> = fc.oneof(
  anyJsonBut(isObject).map(v => v),
  anyJsonBut(v => isArray(v) && (v as unknown[]).length > 0).map(messages => ({ messages })),
  anyJsonBut(isObject).map(m => ({ messages: [m] })),
  anyJsonBut(v => v === 'user').map(role => ({ messages: [{ role, content: [{ text: 'x' }] }] })),
  anyJsonBut(isArray).map(content => ({ messages: [{ role: 'user', content }] })),
  anyJsonBut(isObject).map(block => ({ messages: [{ role: 'user', content: [block] }] })),
  anyJsonBut(isArray).map(system => ({ messages: validMessages(), system })),
  anyJsonBut(isObject).map(inferenceConfig => ({ messages: validMessages(), inferenceConfig })),
  anyJsonBut(v => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 4096).map(maxTokens => ({
    messages: validMessages(),
    inferenceConfig: { maxTokens },
  })),
  anyJsonBut(v => typeof v === 'number' && v >= 0 && v <= 1).map(temperature => ({
    messages: validMessages(),
    inferenceConfig: { temperature },
  })),
  anyJsonBut(v => isArray(v) && (v as unknown[]).every(s => typeof s === 'string')).map(stopSequences => ({
    messages: validMessages(),
    inferenceConfig: { stopSequences },
  })),
  anyJsonBut(v => v === 'standard' || v === 'optimized').map(latency => ({
    messages: validMessages(),
    performanceConfig: { latency },
  })),
)

/** Nested arrays `depth` deep inside an otherwise valid content block (or as the whole body). */
const deepBody = fc.tuple(fc.integer({ min: 200, max: 20_000 }), fc.boolean()).map(([depth, whole]) => {
  const deep = '['.repeat(depth) + ']'.repeat(depth)
  return whole ? deep : `{"messages":[{"role":"user","content":[{"json":${deep}}]}]}`
})

const requests = (limits: ServerLimits): fc.Arbitrary<Request> =>
  fc.oneof(
    fc.record({ path: modelPath, text: notJson }).map(({ path, text }) => ({
      label: 'malformed-json',
      method: 'POST',
      path,
      body: bytes(text),
      expect: answer(validation),
    })),
    fc.record({ path: converseModelPath, value: wrongTypeBody }).map(({ path, value }) => ({
      label: 'wrong-types',
      method: 'POST',
      path,
      body: bytes(JSON.stringify(value)),
      expect: answer(validation),
    })),
    fc.record({ path: modelPath, text: deepBody }).map(({ path, text }) => ({
      label: 'deep-nesting',
      method: 'POST',
      path,
      body: bytes(text),
      expect: answer(validation),
    })),
    fc
      .record({ path: modelPath, size: fc.integer({ min: limits.maxBodyBytes + 1, max: 4 * limits.maxBodyBytes }) })
      .map(({ path, size }) => ({
        label: 'oversized-body',
        method: 'POST',
        path,
        body: new Uint8Array(size).fill(0x7b),
        expect: answer({ status: 413, shape: 'ValidationException' }, size > 2 * limits.maxBodyBytes),
      })),
    fc
      .record({
        encoded: fc.constantFrom('%', '%z1', '%E0%A4%A', '%C0%AF', '%FF', 'anthropic.claude%3', '%ED%A0%80'),
        op: fc.constantFrom(...OPS),
      })
      .map(({ encoded, op }) => ({
        label: 'bad-percent-encoding',
        method: 'POST',
        path: `/model/${encoded}/${op}`,
        body: bytes('{}'),
        expect: answer(validation),
      })),
    fc
      .record({
        method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        path: fc.webPath().map(p => (p.startsWith('/') ? p : `/${p}`)),
      })
      .filter(({ method, path }) => matchRoute(method, path).kind === 'unknown')
      .map(({ method, path }) => ({
        label: 'unknown-path',
        method,
        path,
        body: bytes(''),
        expect: answer({ status: 404, shape: 'UnknownOperationException' }),
      })),
    fc.record({ method: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET'), path: modelPath }).map(r => ({
      label: 'unknown-method',
      ...r,
      body: bytes('{}'),
      expect: answer({ status: 404, shape: 'UnknownOperationException' }),
    })),
  )

/** The HTTP/1.1 bytes of `request` (content-length framing). */
function http1Bytes(request: Request): Uint8Array {
  const headers = { host: '127.0.0.1', 'content-length': String(request.body.length), ...request.headers }
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`)
  return Buffer.concat([
    Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\n${head.join('')}\r\n`),
    request.body,
  ])
}

/** Pieces of `data`: one, or split at a few points with short pauses (a slow but steady client). */
const piecesOf = (data: Uint8Array): fc.Arbitrary<Piece[]> =>
  fc.array(fc.integer({ min: 0, max: data.length }), { maxLength: 3 }).map(cuts => {
    const points = [...new Set([0, ...cuts.sort((a, b) => a - b), data.length])]
    return points.slice(1).map((end, i) => ({ bytes: data.subarray(points[i], end), delayMs: i === 0 ? 0 : 2 }))
  })

const BOUND_MS = 5_000

/** Hostile content over either protocol (the fast cases: answered at once). */
export const contentCases = (limits: ServerLimits): fc.Arbitrary<HostileCase> =>
  requests(limits).chain(request =>
    fc.oneof(
      piecesOf(http1Bytes(request)).map((pieces): HostileCase => ({
        label: `${request.label}/http1`,
        expect: request.expect,
        transport: 'raw',
        plan: { pieces, boundMs: BOUND_MS },
      })),
      piecesOf(request.body).map((pieces): HostileCase => ({
        label: `${request.label}/h2`,
        expect: request.expect,
        transport: 'h2',
        plan: { method: request.method, path: request.path, headers: {}, pieces, boundMs: BOUND_MS },
      })),
    ),
  )

const rawCase = (label: string, expect: Expectation, pieces: Piece[], boundMs = BOUND_MS): HostileCase => ({
  label,
  expect,
  transport: 'raw',
  plan: { pieces, boundMs },
})

/** Broken and oversized HTTP/1.1 heads, oversized HTTP/2 heads (answered at once, or closed). */
export const protocolCases = (limits: ServerLimits): fc.Arbitrary<HostileCase> => {
  const badHead: Expectation = { closeOk: true, errors: [validation] }
  // Random bytes after a request line may still parse as headers: then it is a request for /x.
  const junkHead: Expectation = {
    ...badHead,
    errors: [validation, { status: 404, shape: 'UnknownOperationException' }],
  }
  return fc.oneof(
    fc
      .uint8Array({ minLength: 1, maxLength: 300 })
      .map(junk =>
        rawCase('junk-head/http1', junkHead, [
          { bytes: Buffer.concat([bytes('POST /x HTTP/1.1\r\n'), junk, bytes('\r\n\r\n')]) },
        ]),
      ),
    fc
      .constantFrom(
        'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n',
        'POST /model/x/converse HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
        'POST /model/x/converse HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n0\r\n\r\n',
        'POST /model/x/converse HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n',
        'post /model/x/converse HTTP/1.1\r\n\r\n',
        'GET /\x00 HTTP/1.1\r\n\r\n',
        'GET / HTTP/1.1\r\nBad Header\r\n\r\n',
        'GET / HTTP/3.7\r\n\r\n',
      )
      .map(text => rawCase('malformed-head/http1', badHead, [{ bytes: bytes(text) }])),
    fc
      .integer({ min: limits.maxHeaderBytes + 1, max: 4 * limits.maxHeaderBytes })
      .map(size =>
        rawCase('oversized-head/http1', answer({ status: 431, shape: 'ValidationException' }, true), [
          { bytes: bytes(`GET /_sim/health HTTP/1.1\r\nx-big: ${'a'.repeat(size)}\r\n\r\n`) },
        ]),
      ),
    fc.integer({ min: limits.maxHeaderBytes + 1, max: 4 * limits.maxHeaderBytes }).map((size): HostileCase => ({
      label: 'oversized-head/h2',
      expect: answer({ status: 431, shape: 'ValidationException' }, true),
      transport: 'h2',
      plan: {
        method: 'GET',
        path: '/_sim/health',
        headers: { 'x-big': 'a'.repeat(size) },
        pieces: [],
        boundMs: BOUND_MS,
      },
    })),
  )
}

/**
 * Slow and stalled clients, and raw HTTP/2 garbage or truncated frames (nghttp2 often waits for the
 * rest of a frame): they end by the server's timeouts (408 or a close).
 */
export const slowCases = (limits: ServerLimits): fc.Arbitrary<HostileCase> => {
  const bound = 2 * Math.max(limits.headersTimeoutMs, limits.idleTimeoutMs) + 2_000
  const timeout = answer({ status: 408, shape: 'RequestTimeoutException' }, true)
  const body = bytes(JSON.stringify({ messages: validMessages() }))
  return fc.oneof(
    fc
      .integer({ min: 1, max: 40 })
      .map(cut =>
        rawCase(
          'slowloris-head/http1',
          timeout,
          [{ bytes: bytes('POST /model/x/converse HTTP/1.1\r\nHost: 127.0.0.1\r\nx-a: 1').subarray(0, cut) }],
          bound,
        ),
      ),
    fc
      .integer({ min: 0, max: 23 })
      .map(cut => rawCase('partial-preface/h2', closeOnly, [{ bytes: PREFACE.subarray(0, cut) }], bound)),
    fc.constant(rawCase('idle-session/h2', closeOnly, [{ bytes: Buffer.concat([PREFACE, settingsFrame()]) }], bound)),
    fc
      .tuple(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.boolean())
      .map(([junk, settings]) =>
        rawCase('garbage-frames/h2', closeOnly, [
          { bytes: Buffer.concat([PREFACE, settings ? settingsFrame() : new Uint8Array(), junk]) },
        ]),
      ),
    fc.integer({ min: 1, max: 200 }).map(claimed =>
      // A HEADERS frame that announces more payload than it carries: the rest never comes.
      rawCase('truncated-frame/h2', closeOnly, [
        {
          bytes: Buffer.concat([
            PREFACE,
            settingsFrame(),
            h2Frame(0x1, 0x4, 1, new Uint8Array(claimed)).subarray(0, 9 + (claimed >> 1)),
          ]),
        },
      ]),
    ),
    fc.integer({ min: 0, max: body.length - 1 }).map(sent =>
      rawCase(
        'stalled-body/http1',
        timeout,
        [
          {
            bytes: Buffer.concat([
              bytes(
                `POST ${'/model/amazon.nova-micro-v1%3A0/converse'} HTTP/1.1\r\ncontent-length: ${body.length}\r\n\r\n`,
              ),
              body.subarray(0, sent),
            ]),
          },
        ],
        bound,
      ),
    ),
    fc.integer({ min: 0, max: body.length - 1 }).map((sent): HostileCase => ({
      label: 'stalled-body/h2',
      expect: timeout,
      transport: 'h2',
      plan: {
        method: 'POST',
        path: '/model/amazon.nova-micro-v1%3A0/converse',
        headers: {},
        pieces: [{ bytes: body.subarray(0, sent) }],
        keepOpen: true,
        boundMs: bound,
      },
    })),
  )
}

/** Clients that cut a valid request at a random moment (mid-upload, mid-stream). */
export const resetCases = (): fc.Arbitrary<HostileCase> => {
  const body = bytes(JSON.stringify({ messages: validMessages() }))
  const aborts: Expectation = { errors: [], closeOk: true, clientAborts: true }
  return fc
    .record({
      path: modelPath,
      afterMs: fc.integer({ min: 0, max: 30 }),
      how: fc.constantFrom('socket' as const, 'rst-stream' as const, 'destroy-session' as const),
    })
    .map(({ path, afterMs, how }): HostileCase => {
      if (how === 'socket') {
        const request: Request = { label: 'reset', method: 'POST', path, body, expect: aborts }
        return {
          label: 'reset/http1',
          expect: aborts,
          transport: 'raw',
          plan: { pieces: [{ bytes: http1Bytes(request) }], destroyAfterMs: afterMs, boundMs: BOUND_MS },
        }
      }
      return {
        label: `${how}/h2`,
        expect: aborts,
        transport: 'h2',
        plan: {
          method: 'POST',
          path,
          headers: {},
          pieces: [{ bytes: body }],
          cut: { afterMs, how },
          boundMs: BOUND_MS,
        },
      }
    })
}
