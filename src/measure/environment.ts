/**
 * The environment fingerprint of a run (DESIGN §3): target, region or simulator seed, Node, SDK and
 * Vitest versions, OS, CPU model and count, 1-minute load at start, date. Comparisons across
 * different fingerprints are flagged by the report.
 */
import { createRequire } from 'node:module'
import { arch, availableParallelism, cpus, loadavg, platform, release } from 'node:os'
import type { Environment, TargetKind } from '../types.ts'

const require = createRequire(import.meta.url)

function versionOf(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/** Captures the environment now. */
export function captureEnvironment(
  target: TargetKind,
  region: string | null,
  simulatorSeed: number | null,
  now: Date = new Date(),
): Environment {
  return {
    target,
    region,
    simulatorSeed,
    nodeVersion: process.version,
    sdkVersion: versionOf('@aws-sdk/client-bedrock-runtime'),
    vitestVersion: versionOf('vitest'),
    os: `${platform()} ${release()} ${arch()}`,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpuCount: availableParallelism(),
    loadAvg1m: loadavg()[0],
    date: now.toISOString(),
  }
}
