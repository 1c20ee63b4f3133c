import { manualSeed, randn, tensor, softmaxCrossEntropy } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { toDot, toMermaid } from './graph-export.js';

function mlpLoss() {
  manualSeed(3);
  const w1 = randn([4, 3], { requiresGrad: true });
  const b1 = randn([4], { requiresGrad: true });
  const w2 = randn([2, 4], { requiresGrad: true });
  const b2 = randn([2], { requiresGrad: true });
  Object.assign(w1, { name: 'fc1.weight' });
  Object.assign(b1, { name: 'fc1.bias' });
  Object.assign(w2, { name: 'fc2.weight' });
  Object.assign(b2, { name: 'fc2.bias' });
  const x = randn([5, 3]);
  const y = tensor([0, 1, 1, 0, 1], { dtype: 'int32' });
  const h = x.matmul(w1.T).add(b1).relu();
  return softmaxCrossEntropy(h.matmul(w2.T).add(b2), y).mean();
}

describe('graph export', () => {
  it('draws a 2-layer MLP loss in DOT: parameters, ops, shapes, forward up and gradients down', () => {
    const dot = toDot(mlpLoss(), { title: 'MLP', rootName: 'loss' });
    expect(dot.startsWith('digraph nnkit {\n  rankdir=BT;')).toBe(true);
    for (const name of ['fc1.weight [4,3]', 'fc1.bias [4]', 'fc2.weight [2,4]', 'fc2.bias [2]', 'input [5,3]', 'loss []']) {
      expect(dot).toContain(`label="${name}"`);
    }
    for (const op of ['MatmulBackward', 'AddBackward', 'WhereBackward', 'PermuteBackward', 'MeanBackward', 'DivBackward']) {
      if (op === 'MeanBackward') continue; // mean is composite: sum then div
      expect(dot).toContain(op);
    }
    expect(dot).toContain('matmul → [5,4]');
    const forward = dot.split('\n').filter((l) => /^ {2}\w+ -> \w+;$/.test(l)).length;
    const backward = dot.split('\n').filter((l) => l.includes('style=dashed')).length;
    expect(forward).toBeGreaterThan(10);
    // Constants (the data, label indices, relu's mask) get forward edges but no gradient.
    expect(backward).toBeGreaterThan(10);
    expect(backward).toBeLessThan(forward);
    const inputId = /\n {2}(t_\d+) \[label="input \[5,3\]"/.exec(dot)![1];
    expect(dot).toContain(`${inputId} -> op_`);
    expect(dot).not.toMatch(new RegExp(`-> ${inputId} \\[style=dashed`));
    expect(dot.trim().endsWith('}')).toBe(true);
  });

  it('has a Mermaid variant', () => {
    const m = toMermaid(mlpLoss());
    expect(m.startsWith('flowchart BT')).toBe(true);
    expect(m).toContain('-.->|grad|');
    expect(m).toContain('fc2.bias [2]');
  });
});
