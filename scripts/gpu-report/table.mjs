// The report as text: the machine, what the GPU backend really runs on, the conformance
// counts, and the MNIST epoch times side by side.

const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);

/** One line saying what "gpu" means in this report. */
export function modeVerdict(env) {
  const { gpuBackend: b, headlessGl: gl } = env;
  if (!b.usesGpu) return `${b.name}: NO GPU. gpu.js runs its kernels as JavaScript on the CPU, so the "gpu" numbers below measure that fallback, not a GPU.`;
  if (b.mode !== 'headlessgl') return `${b.name}.`;
  const through = `${gl.renderer} through ${gl.driver ?? 'an unknown GL driver'}`;
  if (gl.software) return `${b.name} on ${through}: a software renderer on the CPU, NOT the GPU. The "gpu" numbers below are not GPU numbers.`;
  if (gl.software === null) return `${b.name} on ${through}: could not tell whether that is the GPU (watch nvidia-smi while it runs).`;
  return `${b.name} on ${through}: the GPU.`;
}

/** Ratio of CPU to GPU epoch time, worded. */
export function speedup(cpuSeconds, gpuSeconds) {
  const r = cpuSeconds / gpuSeconds;
  return r >= 1 ? `${r.toFixed(2)}× faster` : `${(1 / r).toFixed(2)}× slower`;
}

/** The whole report as lines of text. */
export function formatReport(report) {
  const { environment: env, conformance, mnist } = report;
  const out = [];
  out.push(`nnkit GPU report — ${report.date}`);
  out.push(`machine: ${env.platform}, ${env.cpu}, ${env.memoryGiB} GiB, Node ${env.node}`);
  out.push(`NVIDIA: ${env.nvidia.found ? env.nvidia.gpus.map((g) => `${g.name} (driver ${g.driver}, ${g.memory})`).join('; ') : env.nvidia.note}`);
  const gl = env.headlessGl;
  const drawn = gl.context ? `${gl.renderer}, driver ${gl.driver ?? 'unknown'}${gl.software ? ' (software)' : ''}` : 'unavailable';
  out.push(`headless GL: ${drawn}${gl.note ? ` — ${gl.note}` : ''}`);
  out.push(`GPU backend (mode 'auto'): ${modeVerdict(env)}`);
  out.push('');
  if (conformance) {
    const c = conformance;
    out.push(`conformance: ${c.command} → ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (exit ${c.exitCode}, ${c.seconds.toFixed(0)} s)${c.note ? ` — ${c.note}` : ''}`);
    for (const f of c.files) out.push(`  ${pad(f.file, 40)} ${padL(f.passed, 5)} passed ${padL(f.failed, 4)} failed ${padL(f.skipped, 4)} skipped`);
  } else {
    out.push('conformance: skipped (--skip-conformance)');
  }
  out.push('');
  const first = mnist.find((r) => r.ok);
  const images = first?.images ?? report.options.limit ?? 60000;
  out.push(`MNIST, one epoch of ${images} images, 784-256-128-10 ReLU, SGD: training time (images/s); the epoch with its test-set evaluation`);
  const gpuName = mnist.find((r) => r.backend === 'gpu' && r.ok)?.backendName ?? 'gpu';
  out.push(`${pad('batch', 7)}${padL('cpu', 20)}${padL(gpuName, 22)}   ${pad('gpu vs cpu', 15)}${pad('epoch cpu / gpu', 20)}test acc cpu / gpu`);
  for (const batchSize of report.options.batchSizes) {
    const cpu = mnist.find((r) => r.backend === 'cpu' && r.batchSize === batchSize);
    const gpu = mnist.find((r) => r.backend === 'gpu' && r.batchSize === batchSize);
    const train = (r) => (r?.ok ? `${r.trainSeconds.toFixed(1)} s (${Math.round(r.imagesPerSecond)}/s)` : 'failed');
    const ratio = cpu?.ok && gpu?.ok ? speedup(cpu.trainSeconds, gpu.trainSeconds) : '–';
    const epoch = (r) => (r?.ok ? `${r.epochSeconds.toFixed(1)} s` : '–');
    const acc = (r) => (r?.ok ? `${(r.testAccuracy * 100).toFixed(2)}%` : '–');
    out.push(`${pad(batchSize, 7)}${padL(train(cpu), 20)}${padL(train(gpu), 22)}   ${pad(ratio, 15)}${pad(`${epoch(cpu)} / ${epoch(gpu)}`, 20)}${acc(cpu)} / ${acc(gpu)}`);
  }
  for (const r of mnist.filter((m) => !m.ok)) out.push(`  ${r.backend} batch ${r.batchSize} failed: ${r.error}`);
  return out;
}
