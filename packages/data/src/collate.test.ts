import '../test/tensor-setup.js';
import { DTypeError, ShapeError } from '@nnkit/core';
import { Tensor, tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { createCollate, defaultCollate } from './collate.js';
import { HostArray } from './host-array.js';

describe('defaultCollate (needs @nnkit/tensor)', () => {
  it('turns numbers into int32 [B] and typed arrays into [B, n] tensors', async () => {
    const batch = defaultCollate([
      { x: Float32Array.of(1, 2), y: 3, name: 'a' },
      { x: Float32Array.of(4, 5), y: 6, name: 'b' },
    ]);
    const typed: { x: Tensor; y: Tensor; name: string[] } = batch;
    expect(typed.x.shape).toEqual([2, 2]);
    expect(typed.x.dtype).toBe('float32');
    expect([...(await typed.x.data())]).toEqual([1, 2, 4, 5]);
    expect(typed.y.dtype).toBe('int32');
    expect([...(await typed.y.data())]).toEqual([3, 6]);
    expect(typed.name).toEqual(['a', 'b']);
    typed.x.dispose();
    typed.y.dispose();
  });

  it('keeps uint8 bytes exact as int32, or as float32 when asked', async () => {
    const pixels = [Uint8Array.of(0, 255), Uint8Array.of(9, 1)];
    const asInt = defaultCollate(pixels);
    expect(asInt.dtype).toBe('int32');
    expect([...(await asInt.data())]).toEqual([0, 255, 9, 1]);
    const asFloat = createCollate({ uint8: 'float32' })(pixels);
    expect(asFloat.dtype).toBe('float32');
    expect(asFloat.shape).toEqual([2, 2]);
    asInt.dispose();
    asFloat.dispose();
  });

  it('batches HostArrays to [B, ...shape] and tuples element-wise', async () => {
    const [images, labels] = defaultCollate([
      [new HostArray(Float32Array.of(1, 2, 3, 4), [1, 2, 2]), HostArray.scalar(0.5)],
      [new HostArray(Float32Array.of(5, 6, 7, 8), [1, 2, 2]), HostArray.scalar(1.5)],
    ] as [HostArray, HostArray][]);
    expect(images.shape).toEqual([2, 1, 2, 2]);
    expect(labels.shape).toEqual([2]);
    expect(labels.dtype).toBe('float32');
    expect([...(await labels.data())]).toEqual([0.5, 1.5]);
    images.dispose();
    labels.dispose();
  });

  it('stacks tensor samples without disposing them', async () => {
    const a = tensor(Float32Array.of(1, 2));
    const b = tensor(Float32Array.of(3, 4));
    const batch = defaultCollate([a, b]);
    expect(batch.shape).toEqual([2, 2]);
    expect([...(await batch.data())]).toEqual([1, 2, 3, 4]);
    expect([...(await a.data())]).toEqual([1, 2]);
    for (const t of [a, b, batch]) t.dispose();
  });

  it('reports mismatched samples with typed errors', () => {
    expect(() => defaultCollate([Float32Array.of(1), Float32Array.of(1, 2)])).toThrow(ShapeError);
    expect(() => defaultCollate([0.5])).toThrow(DTypeError);
  });
});
