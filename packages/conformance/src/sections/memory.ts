import type { Backend } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import { runValueCase, type Check, type ValueCase } from '../case.js';
import { declared, type SuiteContext } from '../context.js';
import { FLOATS } from '../dtype-sets.js';
import type { Section } from '../section.js';

/** Live tensors (tensor's count) and the backend's own buffers and bytes. */
interface Snapshot {
  readonly tensors: number;
  readonly buffers: number;
  readonly bytes: number;
}

function snapshot(backend: Backend): Snapshot {
  const m = backend.memory();
  return { tensors: T.memory().tensors, buffers: m.buffers, bytes: m.bytes };
}

/** Throws unless nothing is alive beyond `before`, naming what `what` left behind. */
export function expectNoLeak(backend: Backend, before: Snapshot, what: string): void {
  const now = snapshot(backend);
  if (now.tensors !== before.tensors || now.buffers !== before.buffers || now.bytes !== before.bytes) {
    throw new Error(
      `${what}: ${now.tensors - before.tensors} tensor(s), ${now.buffers - before.buffers} buffer(s) and ` +
        `${now.bytes - before.bytes} byte(s) still alive after disposing its outputs and inputs`,
    );
  }
}

/**
 * Replays an op's cases (their own section already judged the values) and checks after each
 * that disposing outputs and inputs brought tensors, buffers and bytes back to where they were.
 */
async function replay(ctx: SuiteContext, cases: readonly ValueCase[]): Promise<void> {
  for (const c of cases) {
    const before = snapshot(ctx.backend);
    await runValueCase(ctx, c).catch(() => undefined);
    expectNoLeak(ctx.backend, before, c.name);
  }
}

/** One check per op: its cases in the first dtype it was tested in (temporaries rarely depend on it). */
function perOpChecks(ctx: SuiteContext, sections: readonly Section[]): Check[] {
  const byOp = new Map<string, ValueCase[]>();
  for (const s of sections) {
    for (const c of s.valueCases?.(ctx) ?? []) {
      const list = byOp.get(c.op) ?? [];
      if (list.length === 0 || list[0].dtype === c.dtype) list.push(c);
      byOp.set(c.op, list);
    }
  }
  return [...byOp].map(([op, cases]) => ({ name: `${op} leaves nothing behind (${cases.length} cases)`, run: () => replay(ctx, cases) }));
}

/** Bookkeeping that is not one op: views share storage, tidy, dispose, reads, random fills. */
function bookkeeping(ctx: SuiteContext): Check[] {
  const b = ctx.backend;
  const dtype = declared(ctx, FLOATS)[0] ?? ctx.dtypes[0];
  const step = (name: string, run: () => void | Promise<void>): Check => ({
    name,
    run: async () => {
      const before = snapshot(b);
      await run();
      expectNoLeak(b, before, name);
    },
  });
  return [
    step('views share storage: reshape, permute, slice, expand, select add no buffer', () => {
      const x = T.zeros([2, 3, 4], { dtype });
      const buffers = b.memory().buffers;
      // tidy disposes the views (and the unsqueeze under the expand) when it closes.
      const added = T.tidy(() => {
        x.reshape(6, 4);
        x.permute(2, 0, 1);
        x.slice([null, [0, null, 2]]);
        x.unsqueeze(0).expand(5, 2, 3, 4);
        x.select(1, 2);
        void x.T;
        return b.memory().buffers - buffers;
      });
      x.dispose();
      if (added !== 0) throw new Error(`views allocated ${added} buffer(s)`);
    }),
    step('a view outlives its disposed base and frees the buffer last', async () => {
      const x = T.ones([3, 4], { dtype });
      const v = x.T;
      const buffers = b.memory().buffers;
      x.dispose();
      if (b.memory().buffers !== buffers) throw new Error('disposing the base freed storage a view still uses');
      if ((await v.data()).length !== 12) throw new Error('the view could not be read after its base was disposed');
      v.dispose();
    }),
    step('tidy frees every temporary and keeps what it returns', async () => {
      const start = T.memory().tensors;
      const x = T.ones([4, 3], { dtype });
      const y = T.tidy(() => x.mul(2).add(1).T.exp().sum(0));
      const alive = T.memory().tensors - start;
      if (alive !== 2 || y.isDisposed) throw new Error(`after tidy: ${alive} tensors alive (want x and the result), result disposed: ${y.isDisposed}`);
      await y.data();
      y.dispose();
      x.dispose();
    }),
    step('tidy around an async function frees temporaries when it settles', async () => {
      const x = T.ones([4], { dtype });
      const y = await T.tidy(async () => {
        const t = x.add(1);
        await t.data();
        return t.mul(3);
      });
      y.dispose();
      x.dispose();
    }),
    step('dispose twice is harmless', () => {
      const x = T.ones([2], { dtype });
      x.dispose();
      x.dispose();
    }),
    step('reading a non-contiguous view leaves no buffer', async () => {
      const x = T.ones([3, 5], { dtype });
      const v = T.tidy(() => x.slice([[0, null, 2], [1, null, 2]]).T);
      await v.data();
      if (b.capabilities.syncRead) v.dataSync();
      v.dispose();
      x.dispose();
    }),
    step('random fills leave nothing behind', async () => {
      const ts = [T.rand([7], { dtype }), T.randn([7], { dtype }), T.bernoulli([7], 0.5, { dtype })];
      if (ctx.dtypes.includes('int32')) ts.push(T.randint(0, 5, [7]));
      for (const t of ts) {
        await t.data();
        t.dispose();
      }
    }),
  ];
}

/**
 * The memory section: every op of `sections` and the tensor bookkeeping leave
 * `memory().tensors` and the backend's `memory()` buffers and bytes where they started.
 */
export function memorySection(sections: readonly Section[]): Section {
  return {
    name: 'memory',
    checks: (ctx) => [...bookkeeping(ctx), ...perOpChecks(ctx, sections)],
  };
}
