import { expect, test } from 'vitest'
import { logNormalSigma } from './log-normal-sigma.ts'

test('σ = ln(p90/p50) / z₀.₉ (hand-computed), 0 without spread', () => {
  // ln 2 = 0.6931472; / 1.2815516 = 0.5408656
  expect(logNormalSigma(2)).toBeCloseTo(0.5408656, 6)
  // the p90 of the standard normal maps back onto the ratio: exp(σ × 1.2815515655) = 3
  expect(Math.exp(logNormalSigma(3) * 1.2815515655446004)).toBeCloseTo(3, 12)
  expect(logNormalSigma(1)).toBe(0)
  expect(logNormalSigma(0.5)).toBe(0)
})
