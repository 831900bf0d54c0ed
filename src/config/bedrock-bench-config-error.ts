/**
 * The one error type of option validation. Thrown once, before any request, listing every problem.
 * Each problem names the option, the expectation, what came, and the fix.
 */
export class BedrockBenchConfigError extends Error {
  /** Every problem found, one sentence each. */
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    const list = problems.map(p => `  - ${p}`).join('\n')
    super(`Invalid bedrockBench options (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list}`)
    this.name = 'BedrockBenchConfigError'
    this.problems = problems
  }
}
