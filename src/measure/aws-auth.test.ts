/**
 * Real AWS authentication of the clients bedrock-bench builds (`createClient({ target: 'aws' })`):
 * a Bedrock API key in `AWS_BEARER_TOKEN_BEDROCK` is sent as `Authorization: Bearer …`; without
 * one, the standard credential chain signs with SigV4. Checked at a local server standing in for
 * the regional endpoint, with the real AWS SDK.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime'
import { afterEach, describe, expect, test } from 'vitest'
import { createClient } from './client-factory.ts'

const saved = { ...process.env }
afterEach(() => {
  for (const key of ['AWS_BEARER_TOKEN_BEDROCK', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE']) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
})

/** Sends one Converse request through a client built for AWS; returns the Authorization header it carried. */
async function authorizationSent(): Promise<string | undefined> {
  let authorization: string | undefined
  const server = createServer((req, res) => {
    authorization = req.headers.authorization
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        output: { message: { role: 'assistant', content: [{ text: 'ok' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
        metrics: { latencyMs: 1 },
      }),
    )
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const client = createClient({
    target: 'aws',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    transport: 'http1',
    maxConcurrency: 1,
    maxAttempts: 1,
  })
  try {
    await client.send(
      new ConverseCommand({
        modelId: 'amazon.nova-micro-v1:0',
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    )
  } finally {
    client.destroy()
    server.close()
  }
  return authorization
}

describe('AWS authentication', () => {
  test('AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key) is sent as a bearer token', async () => {
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'bedrock-api-key-test-value'
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFAKEFAKE1234'
    process.env.AWS_SECRET_ACCESS_KEY = 'fake/secret'
    expect(await authorizationSent()).toBe('Bearer bedrock-api-key-test-value')
  })

  test('without an API key the credential chain signs with SigV4 (service `bedrock`)', async () => {
    delete process.env.AWS_BEARER_TOKEN_BEDROCK
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFAKEFAKE1234'
    process.env.AWS_SECRET_ACCESS_KEY = 'fake/secret'
    expect(await authorizationSent()).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKE1234\/\d{8}\/us-east-1\/bedrock\/aws4_request, /,
    )
  })
})
