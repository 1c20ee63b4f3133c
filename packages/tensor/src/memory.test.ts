import { DisposedError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { memory } from './memory.js';
import { ones, tensor } from './ops/creation.js';
import { keep, tidy } from './scope.js';

describe('memory', () => {
  it('counts live tensors and frees storage with the last view', () => {
    const before = memory();
    const x = ones([4, 4]);
    const v = x.T;
    expect(memory().tensors).toBe(before.tensors + 2);
    expect(memory().buffers).toBe(before.buffers + 1);
    x.dispose();
    expect(memory().buffers).toBe(before.buffers + 1);
    v.dispose();
    expect(memory()).toMatchObject({ tensors: before.tensors, buffers: before.buffers, bytes: before.bytes });
    x.dispose();
  });

  it('tidy frees temporaries, keeps what is returned (also nested in objects) and kept', () => {
    const before = memory().tensors;
    const x = ones([3]);
    const out = tidy(() => {
      const a = x.add(1);
      const kept = keep(a.mul(3));
      return { y: a.mul(2).relu(), list: [kept] };
    });
    expect(memory().tensors).toBe(before + 3);
    x.dispose();
    out.y.dispose();
    out.list[0].dispose();
    expect(memory().tensors).toBe(before);
  });

  it('tidy works around await', async () => {
    const before = memory().tensors;
    const y = await tidy(async () => {
      const a = ones([2]).add(1);
      await new Promise((r) => setTimeout(r, 1));
      return a.mul(2);
    });
    expect(Array.from(await y.data())).toEqual([4, 4]);
    y.dispose();
    expect(memory().tensors).toBe(before);
  });

  it('tidy frees everything when fn throws; using disposes at block end', () => {
    const before = memory().tensors;
    expect(() =>
      tidy(() => {
        ones([2]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    {
      using t = ones([2]);
      expect(t.size).toBe(2);
    }
    expect(memory().tensors).toBe(before);
  });

  it('using a disposed tensor names the op', () => {
    const x = tensor([1, 2]);
    x.dispose();
    expect(() => x.add(1)).toThrow(DisposedError);
    expect(() => x.sum()).toThrow(/sum: tensor \d+ \[2\] was disposed/);
  });
});

describe('dispose frees the gradient too', () => {
  it('a parameter and its .grad go together', async () => {
    const { tensor: make } = await import('./ops/creation.js');
    const before = memory();
    const p = make([1, 2, 3], { dtype: 'float32', requiresGrad: true });
    p.grad = make([1, 1, 1], { dtype: 'float32' });
    p.dispose();
    expect(p.grad).toBeNull();
    expect(memory()).toMatchObject({ tensors: before.tensors, buffers: before.buffers });
  });
});
