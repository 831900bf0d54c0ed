/**
 * `bedrock-bench <command>`: a thin dispatcher. Each command lives in `src/commands/<name>.ts` and
 * default-exports a `Command`. Adding a command = one file + one line in `commands`.
 */
export interface Command {
  /** One-line description shown by `bedrock-bench help`. */
  summary: string
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>
}

const commands: Record<string, () => Promise<{ default: Command }>> = {
  simulator: () => import('./commands/simulator.ts'),
  report: () => import('./commands/report.ts'),
  baseline: () => import('./commands/baseline.ts'),
  compare: () => import('./commands/compare.ts'),
}

/** Entry point of the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const lines = ['Usage: bedrock-bench <command> [options]', '', 'Commands:']
    for (const [commandName, load] of Object.entries(commands)) {
      const summary = await load().then(
        m => m.default.summary,
        () => '(unavailable)',
      )
      lines.push(`  ${commandName.padEnd(12)} ${summary}`)
    }
    console.log(lines.join('\n'))
    return name ? 0 : 1
  }
  const load = commands[name]
  if (!load) {
    console.error(`bedrock-bench: unknown command "${name}". Run \`bedrock-bench help\` to list the commands.`)
    return 2
  }
  const command = (await load()).default
  return command.run(rest)
}
