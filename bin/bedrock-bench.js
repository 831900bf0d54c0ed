#!/usr/bin/env node
// Launcher. Installed from npm, the package holds the compiled CLI in dist/ (no src/). Inside the
// bedrock-bench repository src/ exists and Node >= 22.18 strips its TypeScript types natively, so the
// CLI runs from source there and needs no build.
import { existsSync } from 'node:fs'
import process from 'node:process'
import { URL } from 'node:url'

const fromSource = existsSync(new URL('../src/cli.ts', import.meta.url))
const { main } = fromSource ? await import('../src/cli.ts') : await import('../dist/src/cli.js')

process.exitCode = await main(process.argv.slice(2))
