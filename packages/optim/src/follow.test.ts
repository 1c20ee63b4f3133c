import { createCpuBackend } from '@nnkit/backend-cpu';
import { noGrad } from '@nnkit/autograd';
import { getBackend, memory, tensor, transfer, type Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam.js';
import { follow } from './follow.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';
import { gradient, param, read } from './test-utils/fixtures.js';

/** What `model.to(backend)` does to a parameter: rebinds it in place to a copy on `backend`. */
function moveParam(p: Tensor, backend: ReturnType<typeof createCpuBackend>): void {
  noGrad(() => {
    const moved = transfer(p, backend);
    p.set_(moved);
    moved.dispose();
  });
}

/** Sets p.grad (on p's backend) to the fixture gradient of step t. */
function feed(p: Tensor, t: number): void {
  p.grad?.dispose();
  p.grad = tensor(Float64Array.from(gradient(read(p), 0, t)), { shape: p.shape, dtype: 'float64', backend: p.backend });
}

describe('optimizer state follows its parameters across backends', () => {
  for (const [name, make] of [
    ['Adam (amsgrad)', (p: Tensor) => new Adam([p], { lr: 0.1, amsgrad: true })],
    ['SGD (momentum)', (p: Tensor) => new SGD([p], { lr: 0.1, momentum: 0.9 })],
    ['RMSprop (centered, momentum)', (p: Tensor) => new RMSprop([p], { lr: 0.01, centered: true, momentum: 0.5 })],
  ] as const) {
    it(`${name}: state moves on the next step, and the run equals one on a single backend bit for bit`, () => {
      const home = getBackend();
      const other = createCpuBackend({ name: 'cpu-b' });
      const stay = param([0.5, -1, 2, 0.25]);
      const move = param([0.5, -1, 2, 0.25]);
      const optStay = make(stay);
      const optMove = make(move);
      for (let t = 1; t <= 6; t++) {
        if (t === 3) {
          moveParam(move, other);
          expect(move.backend).toBe(other);
          for (const v of Object.values(optMove.state.get(move) ?? {})) if (typeof v === 'object') expect(v.backend).toBe(home);
        }
        feed(stay, t);
        feed(move, t);
        optStay.step();
        optMove.step();
        optStay.zeroGrad();
        optMove.zeroGrad();
        if (t >= 3) {
          const tensors = Object.values(optMove.state.get(move) ?? {}).filter((v): v is Tensor => typeof v === 'object');
          expect(tensors.length).toBeGreaterThan(0);
          for (const v of tensors) expect(v.backend).toBe(other);
          expect(move.backend).toBe(other);
        }
      }
      expect(read(move)).toEqual(read(stay));
      // cpu-b holds exactly the moved parameter and its state tensors.
      const stateCount = Object.values(optMove.state.get(move) ?? {}).filter((v) => typeof v === 'object').length;
      expect(memory().byBackend['cpu-b'].tensors).toBe(1 + stateCount);
      optMove.dispose();
      move.dispose();
      expect(memory().byBackend['cpu-b']).toMatchObject({ tensors: 0, buffers: 0, bytes: 0 });
      optStay.dispose();
      stay.dispose();
      other.dispose();
    });
  }

  it('a gradient left on the old backend is moved too', () => {
    const other = createCpuBackend({ name: 'cpu-c' });
    const p = param([1, 2]);
    const opt = new SGD([p], { lr: 0.5 });
    moveParam(p, other);
    p.grad = tensor([1, 1], { dtype: 'float64' }); // on the default backend
    opt.step();
    expect(p.backend).toBe(other);
    expect(read(p)).toEqual([0.5, 1.5]);
    opt.zeroGrad();
    p.dispose();
    other.dispose();
  });
});

describe('follow', () => {
  it('returns the tensor itself when it already matches, else a converted copy', () => {
    const other = createCpuBackend({ name: 'cpu-d' });
    const like = param([1, 2]);
    const same = tensor([3, 4], { dtype: 'float64' });
    expect(follow(same, like)).toBe(same);
    const f32 = tensor([3, 4], { dtype: 'float32' });
    const cast = follow(f32, like);
    expect(cast).not.toBe(f32);
    expect(cast.dtype).toBe('float64');
    const there = tensor([5, 6], { dtype: 'float32', backend: other });
    const back = follow(there, like);
    expect([back.backend, back.dtype, read(back)]).toEqual([like.backend, 'float64', [5, 6]]);
    expect(there.isDisposed).toBe(false);
    for (const t of [like, same, f32, cast, there, back]) t.dispose();
    expect(memory().byBackend['cpu-d'].tensors).toBe(0);
    other.dispose();
  });
});
