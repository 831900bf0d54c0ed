/**
 * Simulated time of batch jobs and async invocations: wall-clock time stretched by a scale factor,
 * anchored at the simulator's start, so a job of simulated hours finishes in wall-clock seconds and
 * its timestamps (submitTime, endTime …) still read as hours apart.
 */

/** A clock of simulated and wall time. */
export interface SimTime {
  /** Simulated seconds per wall-clock second. */
  readonly scale: number
  /** Wall-clock now (ms, monotonic). */
  wallMs(): number
  /** Simulated now (ms since the Unix epoch). */
  simMs(): number
  /** Wall-clock ms until simulated time `atSimMs` (≥ 0). */
  wallDelayUntil(atSimMs: number): number
}

/**
 * Creates the clock.
 * @param scale simulated seconds per wall second
 * @param wall monotonic wall clock (ms) @default performance.now
 * @param epochMs simulated time at creation (ms since epoch) @default Date.now()
 */
export function createSimTime(
  scale: number,
  wall: () => number = () => performance.now(),
  epochMs = Date.now(),
): SimTime {
  const wallStart = wall()
  const simMs = (): number => epochMs + (wall() - wallStart) * scale
  return {
    scale,
    wallMs: wall,
    simMs,
    wallDelayUntil: atSimMs => Math.max(0, (atSimMs - simMs()) / scale),
  }
}
