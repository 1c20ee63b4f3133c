import { BackendError, DTypeError, ShapeError } from '@nnkit/core';
import type { Backend, View } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { view } from '../test/harness.js';
import { createCpuBackend } from './cpu-backend.js';

describe('createCpuBackend', () => {
  it('declares its name and capabilities', () => {
    const b = createCpuBackend();
    expect(b.name).toBe('cpu');
    expect(createCpuBackend({ name: 'cpu-ref' }).name).toBe('cpu-ref');
    expect(b.capabilities).toEqual({
      dtypes: ['float32', 'float64', 'int32', 'bool'],
      syncRead: true,
      fastPaths: ['linear', 'linearBackward', 'softmaxCrossEntropy', 'sgdStep', 'adamStep'],
      tolerance: { rtol: 1.3e-6, atol: 1e-5 },
      device: 'cpu',
    });
    const ref = createCpuBackend({ wasm: false });
    expect(ref.capabilities.fastPaths).toEqual([]);
    expect(ref.fused).toBeUndefined();
    ref.dispose();
    expect(Object.keys(b.fused ?? {})).toEqual(['linear', 'linearBackward', 'softmaxCrossEntropy', 'sgdStep', 'adamStep']);
  });

  it('implements every member of the Backend contract', () => {
    const b: Backend = createCpuBackend();
    const members = [
      'upload', 'full', 'read', 'readSync', 'release', 'memory', 'unary', 'binary', 'reduce', 'argReduce',
      'matmul', 'copy', 'assign', 'cast', 'where', 'gather', 'scatterAdd', 'random', 'dispose',
    ] as const;
    for (const m of members) expect(typeof b[m]).toBe('function');
  });

  it('ready() starts the GEMM workers: threads is then what was asked for', async () => {
    const b = createCpuBackend({ threads: 2 });
    expect(b.threads).toBe(1);
    await b.ready();
    expect(b.threads).toBe(2);
    b.dispose();
    expect(b.threads).toBe(1);
    const reference = createCpuBackend({ wasm: false });
    await reference.ready();
    expect(reference.threads).toBe(1);
  });

  it('reads copies, asynchronously and synchronously', async () => {
    const b = createCpuBackend();
    const d = b.upload([1, 2, 3], 'float32');
    const a = await b.read(d);
    expect(a).toEqual(Float32Array.from([1, 2, 3]));
    a[0] = 99;
    const s = b.readSync(d);
    expect(s[0]).toBe(1);
    s[1] = 99;
    expect(Array.from(b.readSync(d))).toEqual([1, 2, 3]);
    b.release(d);
    await expect(b.read(d)).rejects.toThrow(BackendError);
    expect(() => b.readSync(d)).toThrow('cpu: readSync: the buffer was already released');
  });

  it('counts buffers and bytes across kernels and returns to zero after releases', () => {
    const b = createCpuBackend();
    const x = b.upload([1, 2, 3, 4], 'float64');
    const v: View = view(x, 'float64', [2, 2]);
    const outs = [b.unary('exp', v, 'float32'), b.binary('lt', v, v, 'bool'), b.reduce('sum', v, [0], 'int32')];
    expect(b.memory()).toEqual({ buffers: 4, bytes: 32 + 16 + 4 + 8 });
    b.assign(v, v);
    expect(b.memory().buffers).toBe(4);
    for (const o of [x, ...outs]) b.release(o);
    expect(b.memory()).toEqual({ buffers: 0, bytes: 0 });
  });

  it('throws BackendError for double releases, released inputs and foreign handles', () => {
    const b = createCpuBackend();
    const other = createCpuBackend({ name: 'other' });
    const d = b.upload([1], 'float32');
    b.release(d);
    expect(() => b.release(d)).toThrow(BackendError);
    expect(() => b.unary('neg', view(d, 'float32', [1]), 'float32')).toThrow('cpu: unary neg: the buffer was already released');
    const foreign = other.upload([1], 'float32');
    expect(() => b.copy(view(foreign, 'float32', [1]))).toThrow('cpu: copy: the buffer was not created by this backend');
    expect(() => b.release(foreign)).toThrow(BackendError);
    other.release(foreign);
  });

  it('checks views against their buffers before running a kernel', () => {
    const b = createCpuBackend();
    const d = b.upload([1, 2, 3], 'float32');
    expect(() => b.copy(view(d, 'float32', [4]))).toThrow(ShapeError);
    expect(() => b.unary('abs', view(d, 'float32', [2], [3], 0), 'float32')).toThrow('unary abs: view (shape [2], strides [3], offset 0)');
    expect(() => b.copy(view(d, 'int32', [3]))).toThrow(DTypeError);
    b.release(d);
    expect(b.memory()).toEqual({ buffers: 0, bytes: 0 });
  });

  it('dispose frees every buffer and leaves the backend usable', () => {
    const b = createCpuBackend();
    const d = b.upload([1, 2], 'float32');
    b.full(10, 0, 'float64');
    b.dispose();
    expect(b.memory()).toEqual({ buffers: 0, bytes: 0 });
    expect(() => b.readSync(d)).toThrow(BackendError);
    const e = b.full(2, 1, 'int32');
    expect(Array.from(b.readSync(e))).toEqual([1, 1]);
    b.release(e);
  });

  it('runs the README example', async () => {
    const cpu = createCpuBackend();
    const a = cpu.upload([1, 2, 3, 4, 5, 6], 'float32');
    const rows = { data: a, dtype: 'float32', shape: [2, 3], strides: [3, 1], offset: 0 } as const;
    const cols = { ...rows, shape: [3, 2], strides: [1, 3] } as const;
    const gram = cpu.matmul(rows, cols, 'float32');
    expect(cpu.readSync(gram)).toEqual(Float32Array.from([14, 32, 32, 77]));
    const sums = cpu.reduce('sum', rows, [1], 'float32');
    expect(await cpu.read(sums)).toEqual(Float32Array.from([6, 15]));
    for (const h of [a, gram, sums]) cpu.release(h);
    expect(cpu.memory()).toEqual({ buffers: 0, bytes: 0 });
  });

  it('runs the example from its documentation', async () => {
    const cpu = createCpuBackend();
    const x = cpu.upload([1, 2, 3], 'float32');
    const y = cpu.unary('exp', { data: x, dtype: 'float32', shape: [3], strides: [1], offset: 0 }, 'float32');
    expect(Array.from(await cpu.read(y))).toEqual(Array.from(new Float32Array([Math.E, Math.exp(2), Math.exp(3)])));
    cpu.release(x);
    cpu.release(y);
  });
});
