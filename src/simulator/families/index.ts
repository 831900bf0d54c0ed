/**
 * The family registry: one line per model family. Adding a family = one codec file + one line here.
 */
import type { ModelFamily } from '../../model-profile.ts'
import { anthropicCodec } from './anthropic.ts'
import type { FamilyCodec } from './family.ts'
import { llamaCodec } from './llama.ts'
import { mistralCodec } from './mistral.ts'
import { novaCodec } from './nova.ts'
import { titanCodec } from './titan.ts'

const CODECS: Record<ModelFamily, FamilyCodec> = {
  anthropic: anthropicCodec,
  nova: novaCodec,
  llama: llamaCodec,
  mistral: mistralCodec,
  titan: titanCodec,
}

/**
 * The codec of a model family's native InvokeModel body.
 * @throws Error for a family with no codec (a programmer error: profiles are validated at load)
 */
export function codecFor(family: ModelFamily): FamilyCodec {
  const codec = CODECS[family]
  if (!codec)
    throw new Error(
      `No codec for model family \`${String(family)}\`; expected one of ${Object.keys(CODECS).join(', ')}.`,
    )
  return codec
}
