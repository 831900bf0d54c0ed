/**
 * Checks Vitest's `--shard <index>/<count>` on a command line before Vitest does, so a malformed
 * value gets a message naming the fix (and exit code 2) instead of a startup stack trace. Pure.
 */

/** The problem with the `--shard` argument of `argv`, or `null` when it is absent or valid. */
export function shardArgProblem(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    let value: string | undefined
    if (arg === '--shard') value = argv[i + 1]
    else if (arg.startsWith('--shard=')) value = arg.slice('--shard='.length)
    else continue
    const m = value === undefined ? null : /^(\d+)\/(\d+)$/.exec(value)
    const index = m ? Number(m[1]) : NaN
    const count = m ? Number(m[2]) : NaN
    if (!m || count < 1 || index < 1 || index > count) {
      return (
        `--shard must be <index>/<count> with 1 ≤ index ≤ count, got \`${value ?? '(nothing)'}\`. ` +
        'Run shard i of n machines as `vitest bench --run --shard=i/n` (e.g. --shard=1/3, --shard=2/3, ' +
        '--shard=3/3), then merge with `bedrock-bench report --merge <dir1> <dir2> <dir3> --out results/merged`.'
      )
    }
  }
  return null
}
