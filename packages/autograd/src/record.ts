import { isFloatDType } from '@nnkit/core';
import type { PrimitiveAttrs, PrimitiveName, Tensor } from '@nnkit/tensor';
import { checkFinite, checksForward, isAnomalyEnabled } from './anomaly.js';
import { isGradEnabled } from './grad-mode.js';
import { Node, type Edge } from './node.js';
import { gradRules } from './rules/index.js';
import type { GradRule } from './rule.js';

/**
 * Called by tensor after every op. Records a node when grad mode is on, the output is a
 * float, and some input requires grad; in anomaly mode it also checks the output.
 */
export function recordOp<K extends PrimitiveName>(op: K, inputs: readonly Tensor[], output: Tensor, attrs: PrimitiveAttrs[K]): void {
  if (checksForward()) checkFinite(output, `forward op '${op}'`, inputs);
  if (!isGradEnabled() || !isFloatDType(output.dtype)) return;
  if (!inputs.some((t) => t.requiresGrad)) return;
  const rule = gradRules[op];
  if ('nonDifferentiable' in rule) return;
  const edges: (Edge | null)[] = inputs.map((t) => {
    if (!t.requiresGrad) return null;
    if (t.gradFn instanceof Node) {
      t.gradFn.retain();
      return { node: t.gradFn };
    }
    return { leaf: t };
  });
  const meta = inputs.map((t) => ({ id: t.id, shape: t.shape, dtype: t.dtype, name: t.name, requiresGrad: t.requiresGrad }));
  const node = new Node(op, rule as GradRule<K>, attrs, edges, meta, { id: output.id, shape: output.shape, dtype: output.dtype }, inputs);
  if (rule.saveOutput) node.saveOutput(output);
  if (isAnomalyEnabled()) node.trace = new Error().stack?.split('\n').slice(2, 8).join('\n');
  node.retain();
  output.gradFn = node;
  output._setRequiresGrad(true);
}
