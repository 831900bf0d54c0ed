/**
 * Fault injection as data. A `FaultRule` either comes from the simulator's configuration (applied
 * with its `probability`, dice from the seeded RNG) or is forced on one request by the control header
 * `x-bedrock-sim-fault: <JSON of one FaultRule>`.
 */
import type { SimError } from './errors.ts'
import { shapeOfStreamException } from './errors.ts'
import type { Rng } from './rng.ts'

/** Fault kinds. */
export type FaultKind =
  | 'throttle'
  | 'internal'
  | 'unavailable'
  | 'model-timeout'
  | 'model-error'
  | 'stream-exception'
  | 'reset'
  | 'stall'
  | 'malformed-frame'
  | 'slow-first-byte'

/** One fault rule (contract in docs/contracts.md). */
export interface FaultRule {
  kind: FaultKind
  /** Chance (0..1) that a configured rule fires on a matching request. Ignored when forced by header. @default 1 */
  probability?: number
  /** In-stream faults: events written before the fault strikes. @default 1 */
  afterEvents?: number
  /** `stall`: pause length (ms). @default 1000 */
  stallMs?: number
  /**
   * `slow-first-byte` (and optional extra wait of the HTTP-error kinds): delay before the first byte (ms).
   * @default 1000 for slow-first-byte, 0 otherwise
   */
  delayMs?: number
  /** `stream-exception`: lowerCamelCase union member. @default 'throttlingException' */
  exceptionType?: string
  /** Model ids (base, inference-profile or ARN as sent) the rule applies to; absent = all models. */
  models?: string[]
}

/** Name of the per-request control header. */
export const FAULT_HEADER = 'x-bedrock-sim-fault'

const KINDS: readonly FaultKind[] = [
  'throttle',
  'internal',
  'unavailable',
  'model-timeout',
  'model-error',
  'stream-exception',
  'reset',
  'stall',
  'malformed-frame',
  'slow-first-byte',
]

/** Kinds that answer with an HTTP error before any output. */
export const HTTP_ERROR_FAULTS: Partial<Record<FaultKind, SimError>> = {
  throttle: { shape: 'ThrottlingException', message: 'Too many requests, please wait before trying again.' },
  internal: {
    shape: 'InternalServerException',
    message: 'The server encountered an internal error while processing the request. (simulated fault)',
  },
  unavailable: {
    shape: 'ServiceUnavailableException',
    message: 'Bedrock is unable to process your request. (simulated fault)',
  },
  'model-timeout': {
    shape: 'ModelTimeoutException',
    message: 'Model has timed out in processing the request. (simulated fault)',
  },
  'model-error': { shape: 'ModelErrorException', message: 'The model returned an error. (simulated fault)' },
}

/** Kinds that cut a stream short (exception frame, reset, corrupt frame): the request ends as an `error`. */
export const STREAM_ENDING_FAULTS: readonly FaultKind[] = ['stream-exception', 'reset', 'malformed-frame']

/** Kinds a stream applies after `afterEvents` events: the stream-ending ones and `stall`. */
export function isInStreamFault(kind: FaultKind): boolean {
  return kind === 'stall' || STREAM_ENDING_FAULTS.includes(kind)
}

/** The pause of a `stall` rule (ms): its `stallMs`, @default 1000. */
export function stallMsOf(rule: FaultRule): number {
  return rule.stallMs ?? 1000
}

/** Validates one rule (from JSON); the message names the field, the expectation, what came, and the fix. */
export function parseFaultRule(
  value: unknown,
  where: string,
): { ok: true; rule: FaultRule } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message: `${where}: ${message}` })
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`must be a JSON object like {"kind":"throttle"}, got ${JSON.stringify(value)}.`)
  }
  const rule = value as Record<string, unknown>
  if (!KINDS.includes(rule.kind as FaultKind)) {
    return fail(`\`kind\` must be one of ${KINDS.join(', ')}, got ${JSON.stringify(rule.kind)}.`)
  }
  for (const field of ['probability', 'afterEvents', 'stallMs', 'delayMs'] as const) {
    const v = rule[field]
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      return fail(`\`${field}\` must be a number ≥ 0, got ${JSON.stringify(v)}. Remove it to use the default.`)
    }
  }
  const probability = rule.probability as number | undefined // a number ≥ 0 once the loop above passed
  if (probability !== undefined && probability > 1) {
    return fail(`\`probability\` must be between 0 and 1, got ${probability}.`)
  }
  if (
    rule.exceptionType !== undefined &&
    (typeof rule.exceptionType !== 'string' ||
      !/^[a-z]/.test(rule.exceptionType) ||
      !shapeOfStreamException(rule.exceptionType))
  ) {
    return fail(
      `\`exceptionType\` must be a lowerCamelCase Bedrock exception such as "throttlingException", got ` +
        `${JSON.stringify(rule.exceptionType)}.`,
    )
  }
  if (rule.models !== undefined && (!Array.isArray(rule.models) || rule.models.some(m => typeof m !== 'string'))) {
    return fail(`\`models\` must be an array of model id strings, got ${JSON.stringify(rule.models)}.`)
  }
  return { ok: true, rule: rule as unknown as FaultRule }
}

/**
 * Chooses the fault for one request: the forced rule when given, otherwise the first configured
 * rule that matches the model and whose dice roll (`rng() < probability`) succeeds.
 * @param modelIds the ids the request can be matched by (as sent, and the base id).
 */
export function pickFault(
  rules: readonly FaultRule[],
  modelIds: readonly string[],
  rng: Rng,
  forced?: FaultRule,
): FaultRule | null {
  if (forced) return forced
  for (const rule of rules) {
    if (rule.models && !rule.models.some(id => modelIds.includes(id))) continue
    if (rng() < (rule.probability ?? 1)) return rule
  }
  return null
}
