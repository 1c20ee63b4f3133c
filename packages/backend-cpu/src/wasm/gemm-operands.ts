import { DTypeError, ShapeError, ValueError } from '@nnkit/core';

/**
 * A float32 matrix read through strides: element `(i, j)` is
 * `data[offset + i·rowStride + j·colStride]`. A transposed view just swaps the strides; a
 * broadcast one has a zero stride.
 */
export interface StridedMatrix {
  readonly data: Float32Array;
  readonly offset?: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/** The output: row-major rows, element `(i, j)` at `data[offset + i·rowStride + j]`. */
export interface OutputMatrix {
  readonly data: Float32Array;
  readonly offset?: number;
  readonly rowStride: number;
}

/** Epilogue and accumulation: `C = relu?( (accumulate ? C : 0) + A·B + bias )`. */
export interface SgemmOptions {
  /** n values added to every row (read from `bias[biasOffset …]`). */
  readonly bias?: Float32Array;
  readonly biasOffset?: number;
  readonly relu?: boolean;
  readonly accumulate?: boolean;
}

const OP = 'sgemm';

function isCount(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/** Throws ValueError unless m, n, k are non-negative integers. */
export function checkDims(m: number, n: number, k: number): void {
  if (!isCount(m) || !isCount(n) || !isCount(k)) {
    throw new ValueError(`${OP}: m, n, k must be non-negative integers, got ${m}, ${n}, ${k}`);
  }
}

/** Number of elements from the first to the last one a `rows×cols` view touches (0 if empty). */
export function span(rows: number, cols: number, rowStride: number, colStride: number): number {
  return rows === 0 || cols === 0 ? 0 : (rows - 1) * rowStride + (cols - 1) * colStride + 1;
}

function checkData(what: string, data: unknown): void {
  if (!(data instanceof Float32Array)) {
    const got = (data as object | null)?.constructor?.name ?? String(data);
    throw new DTypeError(`${OP}: ${what} must be a Float32Array, got ${got}`);
  }
}

function checkReach(what: string, rows: number, cols: number, offset: number, strides: [number, number], length: number): void {
  const need = offset + span(rows, cols, strides[0], strides[1]);
  if (need > length) {
    throw new ShapeError(
      `${OP}: ${what} [${rows}, ${cols}] at offset ${offset} with strides [${strides.join(', ')}] needs ${need} elements, ` +
        `but its data has ${length}`,
    );
  }
}

/** Checks a strided input of `rows×cols`; throws DTypeError, ValueError or ShapeError naming `what`. */
export function checkInput(what: string, x: StridedMatrix, rows: number, cols: number): void {
  checkData(what, x.data);
  const offset = x.offset ?? 0;
  if (!isCount(offset) || !isCount(x.rowStride) || !isCount(x.colStride)) {
    throw new ValueError(
      `${OP}: ${what} offset and strides must be non-negative integers, got offset ${offset}, strides [${x.rowStride}, ${x.colStride}]`,
    );
  }
  checkReach(what, rows, cols, offset, [x.rowStride, x.colStride], x.data.length);
}

/** Checks the output of `rows×cols`: rows may not overlap, so rowStride ≥ cols when rows > 1. */
export function checkOutput(c: OutputMatrix, rows: number, cols: number): void {
  checkData('C', c.data);
  const offset = c.offset ?? 0;
  if (!isCount(offset) || !isCount(c.rowStride) || (rows > 1 && c.rowStride < cols)) {
    throw new ValueError(
      `${OP}: C needs a non-negative offset and a row stride of at least ${cols}, got offset ${offset}, row stride ${c.rowStride}`,
    );
  }
  checkReach('C', rows, cols, offset, [c.rowStride, 1], c.data.length);
}

/** Checks the bias vector of n values. */
export function checkBias(options: SgemmOptions, n: number): void {
  if (options.bias === undefined) return;
  checkData('bias', options.bias);
  const offset = options.biasOffset ?? 0;
  if (!isCount(offset) || offset + n > options.bias.length) {
    throw new ShapeError(`${OP}: bias needs ${n} values from offset ${offset}, but has ${options.bias.length} elements`);
  }
}
