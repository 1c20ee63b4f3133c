const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function in float64, to about 1e-15, for the oracle. Below |x| = 2 it sums the
 * Maclaurin series `2/√π · Σ (-1)ⁿ x^(2n+1) / (n!(2n+1))` (its alternating terms stay below
 * e^(x²) < 55, so at most two digits cancel); from 2 on it takes `1 - erfc(x)` with erfc from
 * its continued fraction, evaluated bottom-up with enough levels to converge there.
 *
 * @example erfRef(1) // 0.8427007929497149
 */
export function erfRef(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax >= 6.5) return Math.sign(x);
  if (ax < 2) {
    const x2 = x * x;
    let power = x;
    let sum = x;
    for (let n = 1; n < 100; n++) {
      power *= -x2 / n;
      const term = power / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  let f = ax;
  for (let k = 3000; k >= 1; k--) f = ax + k / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}
