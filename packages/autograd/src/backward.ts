import { AutogradError, ShapeError, formatShape, shapesEqual } from '@nnkit/core';
import { keep, onesLike, tidy, type Tensor } from '@nnkit/tensor';
import { asBackward, checkFinite, isAnomalyEnabled } from './anomaly.js';
import { enableGrad, noGrad } from './grad-mode.js';
import { Node } from './node.js';

/** Options of one backward pass. */
export interface PassOptions {
  readonly retainGraph: boolean;
  readonly createGraph: boolean;
  /** When given, gradients of these tensors are returned instead of accumulated into `.grad`. */
  readonly targets?: readonly Tensor[];
}

function applyHooks(g: Tensor, hooks: readonly ((g: Tensor) => Tensor | void)[]): Tensor {
  for (const hook of hooks) g = hook(g) ?? g;
  return g;
}

/** The gradient that starts backward at `root`: ones for a scalar, else the given one. */
export function seedGradient(root: Tensor, gradient: Tensor | undefined): Tensor {
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new AutogradError(
        `backward: a gradient can only be implied for scalar outputs; pass one of shape ${formatShape(root.shape)}`,
      );
    }
    return onesLike(root);
  }
  if (!shapesEqual(gradient.shape, root.shape)) {
    throw new ShapeError(`backward: gradient of shape ${formatShape(gradient.shape)} does not match output ${formatShape(root.shape)}`);
  }
  return gradient.dtype === root.dtype ? gradient : gradient.to(root.dtype);
}

/** Nodes reachable from the roots, with how many edges inside that set point at each. */
function dependencies(roots: readonly Node[]): Map<Node, number> {
  const deps = new Map<Node, number>();
  const stack = [...roots];
  for (const r of roots) deps.set(r, deps.get(r) ?? 0);
  const seen = new Set<Node>(roots);
  while (stack.length) {
    const node = stack.pop()!;
    for (const e of node.edges) {
      if (!e?.node) continue;
      deps.set(e.node, (deps.get(e.node) ?? 0) + 1);
      if (!seen.has(e.node)) {
        seen.add(e.node);
        stack.push(e.node);
      }
    }
  }
  return deps;
}

/**
 * Runs reverse-mode differentiation from `roots` (each with its seed gradient) in
 * topological order. Accumulates into leaves' `.grad`, or returns the targets' gradients.
 */
export function backwardPass(roots: readonly { tensor: Tensor; grad: Tensor }[], opts: PassOptions): (Tensor | null)[] {
  const run = () =>
    tidy(() => {
      const nodeGrads = new Map<Node, Tensor>();
      const leafGrads = new Map<Tensor, Tensor>();
      const captured = new Map<Tensor, Tensor>();
      const targets = opts.targets;
      const add = <K>(map: Map<K, Tensor>, key: K, g: Tensor) => {
        const old = map.get(key);
        map.set(key, old ? old.add(g) : g);
      };
      const rootNodes: Node[] = [];
      for (const { tensor, grad } of roots) {
        if (tensor.gradFn instanceof Node) {
          add(nodeGrads, tensor.gradFn, grad);
          rootNodes.push(tensor.gradFn);
        } else if (tensor.requiresGrad) {
          add(leafGrads, tensor, grad);
        } else {
          throw new AutogradError(
            'backward: the output does not require grad and has no gradFn (were the inputs created with requiresGrad: true, outside noGrad?)',
          );
        }
      }
      const deps = dependencies(rootNodes);
      const ready = [...new Set(rootNodes)].filter((n) => deps.get(n) === 0);
      while (ready.length) {
        const node = ready.pop()!;
        let g = nodeGrads.get(node);
        nodeGrads.delete(node);
        for (const e of node.edges) {
          if (e?.node) {
            const left = deps.get(e.node)! - 1;
            deps.set(e.node, left);
            if (left === 0) ready.push(e.node);
          }
        }
        if (!g) continue;
        g = applyHooks(g, node.hooks);
        if (targets) for (const t of targets) if (t.gradFn === node) captured.set(t, g);
        if (node.needsFreedTensors) {
          throw new AutogradError(
            `backward: trying to go through the graph a second time, but ${node.name}'s saved tensors were freed; ` +
              'pass { retainGraph: true } to the first backward()',
          );
        }
        const inputGrads = node.rule.backward(g, node.context());
        node.edges.forEach((e, i) => {
          const gi = inputGrads[i];
          if (!e || !gi) return;
          if (!shapesEqual(gi.shape, node.inputs[i].shape)) {
            throw new AutogradError(
              `${node.name}: gradient rule gave ${formatShape(gi.shape)} for input ${i} of shape ${formatShape(node.inputs[i].shape)}`,
            );
          }
          if (isAnomalyEnabled()) checkFinite(gi, `backward of ${node.name} (gradient of input ${i})`, [g!], node.trace ? `\nthe forward op was called at:\n${node.trace}` : '');
          if (e.node) add(nodeGrads, e.node, gi);
          else add(leafGrads, e.leaf, gi);
        });
        if (!opts.retainGraph) node.freeSaved();
      }
      const given = new Set<Tensor>();
      for (const [leaf, raw] of leafGrads) {
        let g = applyHooks(raw, leaf.leafHooks);
        if (g.dtype !== leaf.dtype) g = g.to(leaf.dtype);
        if (targets) {
          if (targets.includes(leaf)) captured.set(leaf, g);
          continue;
        }
        // A gradient tensor may reach several leaves (add passes its input through): copy it.
        if (given.has(g) || roots.some((r) => r.grad === g)) g = g.clone();
        given.add(g);
        const old = leaf.grad;
        leaf.grad = keep(old ? old.add(g) : g);
        if (old && old !== leaf.grad) old.dispose();
      }
      if (!targets) return [];
      const seen = new Set<Tensor>();
      return targets.map((t) => {
        let g = captured.get(t) ?? null;
        if (g && (seen.has(g) || roots.some((r) => r.grad === g))) g = g.clone();
        if (g) seen.add(g);
        return g;
      });
    });
  return asBackward(() => (opts.createGraph ? enableGrad(run) : noGrad(run)));
}
