/**
 * `bedrock-bench init [--force]`: scaffolds a working setup in the current project — the files of
 * `scaffoldFiles` (vitest.config.ts, bench/example.bench.ts, tsconfig.json when missing), `results/`
 * in .gitignore and a `bench` npm script. Never overwrites without `--force`; prints what it did.
 * After it, `npx vitest bench --run` works with nothing to edit.
 * Exit code 0 on success, 1 when a file could not be written, 2 on bad usage or without package.json.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Command } from '../cli.ts'
import { BENCH_SCRIPT, GITIGNORE_LINE, scaffoldFiles } from '../init/scaffold-files.ts'
import { addGitignoreLine, addPackageScript, type ScaffoldOutcome, writeScaffoldFile } from '../io/write-scaffold.ts'

const usage = `Usage: bedrock-bench init [--force]

Scaffolds, in the current project (the directory with package.json):
${scaffoldFiles.map(f => `  ${f.path.padEnd(24)} ${f.purpose}`).join('\n')}
  ${'.gitignore'.padEnd(24)} ignores ${GITIGNORE_LINE}
  ${'package.json'.padEnd(24)} "${BENCH_SCRIPT.name}": "${BENCH_SCRIPT.command}"
  --force   overwrite existing files and the "${BENCH_SCRIPT.name}" script`

const init: Command = {
  summary: 'scaffold vitest.config.ts, an example benchmark, .gitignore and a bench script here',
  async run(argv) {
    let force: boolean
    try {
      const { values, positionals } = parseArgs({
        args: argv,
        options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      })
      if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}".`)
      if (values.help) {
        console.log(usage)
        return 0
      }
      force = values.force === true
    } catch (error) {
      console.error(`bedrock-bench init: ${(error as Error).message}\n\n${usage}`)
      return 2
    }
    const root = process.cwd()
    if (!existsSync(join(root, 'package.json'))) {
      console.error(
        `bedrock-bench init: no package.json in ${root}. Run init from your project's root, ` +
          'or create a project first: `npm init -y && npm install -D bedrock-bench vitest`.',
      )
      return 2
    }
    const outcomes: ScaffoldOutcome[] = []
    const failures: string[] = []
    const attempt = async (path: string, step: () => Promise<ScaffoldOutcome>): Promise<void> => {
      try {
        outcomes.push(await step())
      } catch (error) {
        failures.push(`${path}: ${(error as Error).message}`)
      }
    }
    for (const file of scaffoldFiles) {
      await attempt(file.path, () => writeScaffoldFile(root, file.path, file.content, force, file.alternatives))
    }
    await attempt('.gitignore', () => addGitignoreLine(root, GITIGNORE_LINE))
    await attempt('package.json', () => addPackageScript(root, BENCH_SCRIPT.name, BENCH_SCRIPT.command, force))
    for (const o of outcomes) console.log(`  ${o.status.padEnd(9)} ${o.path}${o.detail ? ` (${o.detail})` : ''}`)
    for (const f of failures) console.error(`  failed    ${f}`)
    if (failures.length > 0) return 1
    console.log(
      `\nNext: \`npx vitest bench --run\` (or \`npm run ${BENCH_SCRIPT.name}\`) runs bench/ against the embedded ` +
        'simulator and writes results/<runId>/report.md; `npx bedrock-bench plan` shows what a run would send and ' +
        'cost on AWS.',
    )
    return 0
  },
}

export default init
