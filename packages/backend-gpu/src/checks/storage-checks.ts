import { BackendError, DTypeError, ValueError } from '@nnkit/core';
import { check, expectData, expectEqual, expectRejects, expectThrows, expectTrue, tensor, values, view } from './harness.js';

/** Upload, full, read, release, memory counting, capabilities. */
export const storageChecks = [
  check('upload and read keep values and dtypes', async (b) => {
    const f = b.upload(new Float32Array([1.5, -2, 0.1, 1e30]), 'float32');
    const got = await b.read(f);
    expectTrue(got instanceof Float32Array, 'float32 reads as Float32Array');
    expectEqual(got, [1.5, -2, Math.fround(0.1), Math.fround(1e30)]);
    const i = await b.read(b.upload([3, -7, 16777216, 2.9], 'int32'));
    expectTrue(i instanceof Int32Array, 'int32 reads as Int32Array');
    expectEqual(i, [3, -7, 16777216, 2]);
    const u = await b.read(b.upload([0, 1, 5, 0], 'bool'));
    expectTrue(u instanceof Uint8Array, 'bool reads as Uint8Array');
    expectEqual(u, [0, 1, 1, 0]);
    expectEqual(await b.read(b.upload([0.5, NaN, -2, 0], 'bool')), [1, 1, 1, 0], 'bool stores x ≠ 0');
    expectEqual(await values(b, b.upload([NaN, Infinity, -Infinity, -0], 'float32')), [NaN, Infinity, -Infinity, 0]);
  }),
  check('full fills every element, in every dtype', async (b) => {
    expectEqual(await values(b, b.full(5, 2.5, 'float32')), [2.5, 2.5, 2.5, 2.5, 2.5]);
    expectEqual(await values(b, b.full(3, -4.7, 'int32')), [-4, -4, -4]);
    expectEqual(await values(b, b.full(2, 3, 'bool')), [1, 1]);
    expectEqual(await values(b, b.full(2, NaN, 'float32')), [NaN, NaN]);
    expectEqual(await values(b, b.full(0, 1, 'float32')), []);
  }),
  check('empty buffers upload, read and release', async (b) => {
    const before = b.memory();
    const e = b.upload([], 'float32');
    expectEqual(await values(b, e), []);
    expectTrue(b.memory().buffers === before.buffers + 1, 'an empty buffer still counts as a buffer');
    b.release(e);
    expectTrue(b.memory().buffers === before.buffers, 'released');
  }),
  check('memory counts live buffers and their bytes', async (b) => {
    const before = b.memory();
    const x = b.upload(new Float32Array(10), 'float32');
    const y = b.full(6, 1, 'int32');
    const mid = b.memory();
    expectTrue(mid.buffers === before.buffers + 2, `buffers: ${before.buffers} → ${mid.buffers}`);
    expectTrue(mid.bytes === before.bytes + 64, `bytes: ${before.bytes} → ${mid.bytes} (4 per element on the device)`);
    b.release(x);
    b.release(y);
    const after = b.memory();
    expectTrue(after.buffers === before.buffers && after.bytes === before.bytes, 'back to where it started');
  }),
  check('releasing twice and using a released buffer throw BackendError', async (b) => {
    const x = b.upload([1, 2], 'float32');
    b.release(x);
    expectThrows(() => b.release(x), BackendError, 'already released');
    expectThrows(() => b.unary('neg', view(x, [2]), 'float32'), BackendError, 'already released');
    await expectRejects(b.read(x), BackendError, 'already released');
  }),
  check('inputs may be released as soon as an op has been called', async (b) => {
    const x = b.upload([1, 2, 3], 'float32');
    const y = b.unary('neg', view(x, [3]), 'float32');
    b.release(x);
    const z = b.binary('mul', view(y, [3]), view(y, [3], [1]), 'float32');
    b.release(y);
    expectEqual(await values(b, z), [1, 4, 9]);
  }),
  check('float64 is refused with a DTypeError naming backend and dtype', async (b) => {
    expectThrows(() => b.upload([1], 'float64'), DTypeError, b.name, 'float64');
    expectThrows(() => b.full(2, 1, 'float64'), DTypeError, b.name, 'float64');
    const x = tensor(b, [1, 2]);
    expectThrows(() => b.unary('exp', x, 'float64'), DTypeError, b.name, 'float64');
    expectThrows(() => b.random({ kind: 'uniform', low: 0, high: 1 }, 3, 'float64', [1, 2]), DTypeError, b.name, 'float64');
  }),
  check('int32 values that float32 cannot hold exactly are refused', async (b) => {
    expectThrows(() => b.upload([16777217], 'int32'), ValueError, 'int32 value 16777217');
    expectThrows(() => b.full(1, -(2 ** 25), 'int32'), ValueError, 'outside');
  }),
  check('capabilities describe the mode', async (b) => {
    const c = b.capabilities;
    expectTrue(!c.dtypes.includes('float64') && c.dtypes.includes('float32') && c.dtypes.includes('int32'), `dtypes ${c.dtypes.join(',')}`);
    expectTrue(c.tolerance.rtol === 1e-3 && c.tolerance.atol === 1e-3, 'tolerance 1e-3');
    expectTrue(c.device === (b.usesGpu ? 'gpu' : 'cpu'), `device ${c.device} for mode ${b.mode}`);
    expectTrue(b.name === `gpu:${b.mode}`, `name ${b.name}`);
    expectTrue(c.syncRead === (typeof b.readSync === 'function'), 'readSync exists exactly when syncRead');
    expectTrue(c.syncRead === (b.mode !== 'webgpu'), 'only WebGPU reads asynchronously');
    if (b.readSync) expectEqual(b.readSync(b.upload([4, 5], 'int32')), [4, 5]);
  }),
  check('buffers of another backend and out-of-bounds views are refused', async (b) => {
    const foreign = { size: 2, dtype: 'float32' as const };
    expectThrows(() => b.unary('neg', view(foreign, [2]), 'float32'), BackendError, 'another backend');
    const x = b.upload([1, 2, 3], 'float32');
    expectThrows(() => b.copy(view(x, [2], [1], 2)), ValueError, 'reaches element 3');
    expectThrows(() => b.copy(view(x, [3], [1], 0, 'int32')), DTypeError, 'does not match');
  }),
  check('kernels compile once per op and layout kind, not per shape', async (b) => {
    const x = tensor(b, [1, 2, 3]);
    b.unary('exp', x, 'float32');
    const n = b.kernelCount();
    b.unary('exp', tensor(b, [4, 5, 6, 7]), 'float32');
    b.unary('exp', view(x.data, [2], [1], 1), 'float32');
    b.unary('exp', view(b.upload(new Float32Array(24), 'float32'), [2, 3, 4], [12, 4, 1]), 'float32');
    expectTrue(b.kernelCount() <= n + 1, `contiguous inputs of any shape share the kernel (${n} → ${b.kernelCount()}; upload may compile once)`);
    const m = b.kernelCount();
    b.unary('exp', view(x.data, [3, 2], [0, 1], 0), 'float32');
    expectTrue(b.kernelCount() === m + 1, 'a strided view compiles the strided form once');
    b.unary('exp', view(b.upload(new Float32Array(60), 'float32'), [3, 4, 5], [1, 3, 12]), 'float32');
    b.unary('exp', view(x.data, [2, 2], [1, 0], 1), 'float32');
    expectTrue(b.kernelCount() === m + 1, 'and every other strided layout of rank ≤ 4 reuses it');
    await expectData(b, b.unary('neg', view(x.data, [2, 2], [1, 0], 1), 'float32'), [-2, -2, -3, -3]);
  }),
  check('a kernel may read its own last result, after a resize too', async (b) => {
    // gpu.js GL kernels recycle textures when fed their own output: the backend must not
    // hand back a buffer of a stale size (a second instance of the kernel takes such calls).
    const a = b.binary('add', view(b.upload([1, 2, 3, 4], 'float32'), [4]), view(b.upload([1, 1, 1, 1], 'float32'), [4]), 'float32');
    const c = b.binary('add', view(a, [4]), view(a, [4]), 'float32');
    const d = b.binary('add', view(b.upload([5], 'float32'), [1]), view(b.upload([6], 'float32'), [1]), 'float32');
    const e = b.binary('add', view(c, [4]), view(b.full(4, 1, 'float32'), [4]), 'float32');
    const f = b.binary('add', view(e, [2], [2], 0), view(d, [2], [0], 0), 'float32');
    const g = b.binary('add', view(f, [2]), view(f, [2]), 'float32');
    await expectData(b, c, [4, 6, 8, 10]);
    await expectData(b, d, [11]);
    await expectData(b, e, [5, 7, 9, 11]);
    await expectData(b, f, [16, 20]);
    await expectData(b, g, [32, 40]);
  }),
];
