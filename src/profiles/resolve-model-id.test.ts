import { describe, expect, test } from 'vitest'
import type { ModelProfile } from '../model-profile.ts'
import { baseModelId, isCrossRegionId, resolveModelId } from './resolve-model-id.ts'

const haiku = { modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0' } as ModelProfile
const nova = { modelId: 'amazon.nova-pro-v1:0' } as ModelProfile
const profiles = [haiku, nova]

describe('resolveModelId', () => {
  test.each([
    ['anthropic.claude-3-5-haiku-20241022-v1:0', haiku],
    ['us.anthropic.claude-3-5-haiku-20241022-v1:0', haiku],
    ['eu.amazon.nova-pro-v1:0', nova],
    ['apac.amazon.nova-pro-v1:0', nova],
    ['global.anthropic.claude-3-5-haiku-20241022-v1:0', haiku],
    ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0', nova],
    ['arn:aws:bedrock:us-west-2:123456789012:foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0', haiku],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0', haiku],
  ])('%s resolves', (raw, expected) => {
    expect(resolveModelId(raw, profiles)).toBe(expected)
  })

  test.each([
    'anthropic.claude-unknown-v1:0',
    'xx.amazon.nova-pro-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
    'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123',
    'arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-endpoint',
    '',
  ])('%s does not resolve', raw => {
    expect(resolveModelId(raw, profiles)).toBeUndefined()
  })

  test('baseModelId and isCrossRegionId', () => {
    expect(baseModelId('us.amazon.nova-pro-v1:0')).toBe('amazon.nova-pro-v1:0')
    expect(baseModelId('amazon.nova-pro-v1:0')).toBe('amazon.nova-pro-v1:0')
    expect(isCrossRegionId('us.amazon.nova-pro-v1:0')).toBe(true)
    expect(isCrossRegionId('arn:aws:bedrock:us-east-1:1:inference-profile/global.amazon.nova-pro-v1:0')).toBe(true)
    expect(isCrossRegionId('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0')).toBe(false)
    expect(isCrossRegionId('amazon.nova-pro-v1:0')).toBe(false)
  })
})
