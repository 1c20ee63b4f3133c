import { describe, expect, it } from 'vitest';
import { EXACT, toleranceFor, widen } from './tolerance.js';

const tols = { float32: { rtol: 1.3e-6, atol: 1e-5 }, float64: { rtol: 1e-12, atol: 1e-12 } };

describe('tolerances', () => {
  it('widens by √n for n combined elements, never below the elementwise bound', () => {
    expect(widen(tols.float32, 400)).toEqual({ rtol: 1.3e-6 * 20, atol: 1e-5 * 20 });
    expect(widen(tols.float32, 0)).toEqual(tols.float32);
  });

  it('is exact for int32 and bool and per-dtype for floats', () => {
    expect(toleranceFor(tols, 'int32', 100)).toBe(EXACT);
    expect(toleranceFor(tols, 'bool')).toBe(EXACT);
    expect(toleranceFor(tols, 'float64', 4)).toEqual({ rtol: 2e-12, atol: 2e-12 });
    expect(toleranceFor(tols, 'float32')).toEqual(tols.float32);
  });
});
