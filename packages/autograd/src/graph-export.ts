import type { Tensor } from '@nnkit/tensor';
import { Node, type InputMeta } from './node.js';

/** Options of the graph pictures. */
export interface GraphOptions {
  /** Caption drawn above the graph. */
  readonly title?: string;
  /** Name of the root tensor (default `output`). */
  readonly rootName?: string;
}

interface GraphNodeInfo {
  readonly id: string;
  readonly label: string;
  readonly kind: 'op' | 'param' | 'input' | 'output';
}

interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** True when a gradient flows back along this edge. */
  readonly grad: boolean;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(',')}]`;

/** Walks the recorded graph below `root` into plain nodes and forward edges. */
function collect(root: Tensor, rootName: string): { nodes: GraphNodeInfo[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNodeInfo>();
  const edges: GraphEdge[] = [];
  const outId = `out_${root.id}`;
  nodes.set(outId, { id: outId, label: `${rootName} ${shapeText(root.shape)}`, kind: 'output' });
  if (!(root.gradFn instanceof Node)) return { nodes: [...nodes.values()], edges };
  const opId = (n: Node) => `op_${n.output.id}`;
  const leafInfo = (m: InputMeta): GraphNodeInfo => ({
    id: `t_${m.id}`,
    label: `${m.name ?? (m.requiresGrad ? 'leaf' : 'input')} ${shapeText(m.shape)}`,
    kind: m.requiresGrad ? 'param' : 'input',
  });
  edges.push({ from: opId(root.gradFn), to: outId, grad: true });
  const stack: Node[] = [root.gradFn];
  const seen = new Set<Node>();
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    nodes.set(opId(node), { id: opId(node), label: `${node.name}\n${node.op} → ${shapeText(node.output.shape)}`, kind: 'op' });
    node.edges.forEach((e, i) => {
      if (e?.node) {
        edges.push({ from: opId(e.node), to: opId(node), grad: true });
        stack.push(e.node);
      } else {
        const info = leafInfo(node.inputs[i]);
        nodes.set(info.id, info);
        edges.push({ from: info.id, to: opId(node), grad: e !== null });
      }
    });
  }
  return { nodes: [...nodes.values()], edges };
}

const DOT_STYLE: Record<GraphNodeInfo['kind'], string> = {
  op: 'shape=ellipse, style=filled, fillcolor="#fff3cd"',
  param: 'shape=box, style="filled,rounded", fillcolor="#cfe2ff"',
  input: 'shape=box, style=filled, fillcolor="#e9ecef"',
  output: 'shape=box, style="filled,bold", fillcolor="#d1e7dd"',
};

const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * The recorded graph below `root` in Graphviz DOT: leaves (parameters blue, inputs grey) at
 * the bottom, ops upward to the output (solid arrows: forward), and dashed red arrows back
 * down along which gradients flow.
 *
 * @example writeFileSync('graph.dot', toDot(loss, { title: 'MLP' })); // dot -Tsvg graph.dot
 */
export function toDot(root: Tensor, options: GraphOptions = {}): string {
  const { nodes, edges } = collect(root, options.rootName ?? 'output');
  const lines = ['digraph nnkit {', '  rankdir=BT;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  if (options.title) lines.push(`  labelloc="t";`, `  label="${escape(options.title)}";`);
  for (const n of nodes) lines.push(`  ${n.id} [label="${escape(n.label)}", ${DOT_STYLE[n.kind]}];`);
  for (const e of edges) lines.push(`  ${e.from} -> ${e.to};`);
  for (const e of edges) if (e.grad) lines.push(`  ${e.to} -> ${e.from} [style=dashed, color="#d62728", constraint=false, arrowsize=0.6];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The same graph as a Mermaid flowchart (bottom to top; dotted arrows carry gradients). */
export function toMermaid(root: Tensor, options: GraphOptions = {}): string {
  const { nodes, edges } = collect(root, options.rootName ?? 'output');
  const shape = (n: GraphNodeInfo) => {
    const text = `"${n.label.replace(/\n/g, '<br/>').replace(/"/g, '#quot;')}"`;
    return n.kind === 'op' ? `(${text})` : `[${text}]`;
  };
  const lines = ['flowchart BT'];
  for (const n of nodes) lines.push(`  ${n.id}${shape(n)}`);
  for (const e of edges) lines.push(`  ${e.from} --> ${e.to}`);
  for (const e of edges) if (e.grad) lines.push(`  ${e.to} -.->|grad| ${e.from}`);
  return `${lines.join('\n')}\n`;
}
