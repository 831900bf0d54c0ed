#!/usr/bin/env node
// Thin launcher: Node >= 22.18 strips TypeScript types natively, so the CLI runs from source.
import process from 'node:process'
import { main } from '../src/cli.ts'

process.exitCode = await main(process.argv.slice(2))
