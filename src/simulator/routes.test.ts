import { expect, test } from 'vitest'
import { matchRoute } from './routes.ts'

test('model ids are matched raw and then percent-decoded (ARNs stay one segment)', () => {
  expect(matchRoute('POST', '/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse')).toEqual({
    kind: 'model',
    operation: 'converse',
    modelId: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
  })
  expect(
    matchRoute(
      'POST',
      '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.x%3A0' +
        '/invoke-with-response-stream',
    ),
  ).toEqual({
    kind: 'model',
    operation: 'invoke-stream',
    modelId: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.x:0',
  })
  expect(matchRoute('POST', '/model/a.b/count-tokens').kind).toBe('model')
  expect(matchRoute('POST', '/model/a/b/converse').kind).toBe('unknown')
  expect(matchRoute('GET', '/model/a.b/converse').kind).toBe('unknown')
  expect(matchRoute('POST', '/model/%E0%A4%A/converse').kind).toBe('bad-model-id')
  expect(matchRoute('GET', '/_sim/ground-truth/abc')).toEqual({ kind: 'ground-truth', requestId: 'abc' })
  expect(matchRoute('POST', '/_sim/ground-truth')).toEqual({ kind: 'ground-truth-batch' })
  // Bad percent-encoding on the control paths is a client error, not a thrown URIError (was a 500).
  expect(matchRoute('GET', '/_sim/ground-truth/%E0%A4%A')).toEqual({ kind: 'ground-truth', requestId: '%E0%A4%A' })
  expect(matchRoute('GET', '/_sim/quotas/%E0%A4%A')).toEqual({ kind: 'bad-model-id', raw: '%E0%A4%A' })
  expect(matchRoute('GET', '/_sim/quotas/us.amazon.nova-micro-v1%3A0')).toEqual({
    kind: 'quotas',
    modelId: 'us.amazon.nova-micro-v1:0',
  })
})
