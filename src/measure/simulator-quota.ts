/**
 * Asks the simulator for a model's effective TPM quota (`GET /_sim/quotas/{modelId}`), so quota
 * efficiency uses the quota the run was really held to, `quotaOverrides` included.
 */

/**
 * The simulator's effective TPM quota for `modelId`, or `null` when the endpoint is not our
 * simulator, does not know the model, or does not answer within `timeoutMs`.
 * @param timeoutMs @default 2000
 */
export async function simulatorQuotaTpm(
  endpoint: string | undefined,
  modelId: string,
  timeoutMs = 2000,
): Promise<number | null> {
  if (endpoint === undefined) return null
  try {
    const res = await fetch(new URL(`/_sim/quotas/${encodeURIComponent(modelId)}`, endpoint), {
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (!res.ok) return null
    const body = (await res.json()) as { tpm?: unknown }
    return typeof body.tpm === 'number' && Number.isFinite(body.tpm) ? body.tpm : null
  } catch {
    return null
  }
}
