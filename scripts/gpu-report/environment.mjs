// What machine the report ran on: the NVIDIA GPU (if any), the headless GL renderer gpu.js
// would get, and the mode the GPU backend really picks.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, cpus, platform, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Renderers that draw on the CPU: headless GL "works" there but uses no GPU. */
export const SOFTWARE_RENDERER = /llvmpipe|softpipe|swiftshader|swrast|software|lavapipe/i;

/** `nvidia-smi`'s view of the GPUs, or why there is none. */
function nvidia() {
  try {
    const out = execFileSync('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader'], { encoding: 'utf8', timeout: 20_000 });
    const gpus = out.trim().split('\n').filter(Boolean).map((line) => {
      const [name, driver, memory] = line.split(',').map((s) => s.trim());
      return { name, driver, memory };
    });
    return { found: gpus.length > 0, gpus, note: gpus.length ? '' : 'nvidia-smi lists no GPU' };
  } catch (err) {
    return { found: false, gpus: [], note: err.code === 'ENOENT' ? 'no nvidia-smi (no NVIDIA driver)' : `nvidia-smi failed: ${String(err.message).split('\n')[0]}` };
  }
}

/**
 * Which GL driver this process has loaded (Linux): headless-gl reports only "ANGLE", and ANGLE
 * draws through the system's GLX, which on Xvfb is Mesa's swrast (llvmpipe, the CPU) whatever
 * GPU the machine has. `software` is null when the driver cannot be told.
 */
export function loadedGlDriver() {
  let maps;
  try {
    maps = readFileSync('/proc/self/maps', 'utf8');
  } catch {
    return { driver: null, software: null };
  }
  const libs = [...new Set(maps.split('\n').map((l) => l.trim().split(/\s+/)[5]).filter(Boolean).map((p) => basename(p)))];
  const find = (re) => libs.find((l) => re.test(l)) ?? null;
  const nvidia = find(/^lib(GLX|EGL)_nvidia|^libnvidia-(glcore|eglcore)/);
  if (nvidia) return { driver: nvidia, software: false };
  const soft = find(/^(kms_)?swrast_dri\.so|^libvk_swiftshader|^libvulkan_lvp/);
  if (soft) return { driver: soft, software: true };
  // A Mesa hardware driver (radeonsi_dri.so, iris_dri.so, …); newer Mesa loads one libgallium for all.
  const mesa = find(/_dri\.so$/);
  return mesa && mesa !== 'libdril_dri.so' ? { driver: mesa, software: false } : { driver: null, software: null };
}

/** The `gl` package gpu.js uses in Node: built or not, and which driver it draws with. */
function headlessGl(root) {
  const result = { loadable: false, context: false, renderer: null, driver: null, software: null, display: process.env.DISPLAY ?? null, note: '' };
  let createGl;
  try {
    const fromGpuJs = createRequire(createRequire(join(root, 'packages/backend-gpu/package.json')).resolve('gpu.js'));
    createGl = fromGpuJs('gl');
    result.loadable = true;
  } catch (err) {
    const why = /bindings file/.test(String(err.message)) ? 'installed, but its native binding was never built' : String(err.message).split('\n')[0];
    result.note = `the gl package is not usable (${why}); see docs/PERFORMANCE.md`;
    return result;
  }
  const gl = createGl(1, 1);
  if (!gl) {
    result.note = result.display ? `gl could not create a context on DISPLAY ${result.display}` : 'gl is built but there is no display: run under xvfb-run';
    return result;
  }
  result.context = true;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  result.renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  Object.assign(result, loadedGlDriver());
  if (SOFTWARE_RENDERER.test(result.renderer)) result.software = true;
  if (result.software) result.note = `${result.driver ?? result.renderer} draws on the CPU, not the GPU (Xvfb's GL is Mesa's software renderer); see docs/PERFORMANCE.md`;
  else if (result.software === null) result.note = 'could not tell which GL driver draws: check with nvidia-smi that the GPU is busy';
  gl.getExtension('STACKGL_destroy_context')?.destroy();
  return result;
}

/** The mode `createGpuBackend({ mode: 'auto' })` gets here (needs the package built). */
async function gpuBackendMode(root) {
  const { createGpuBackend, probeGpuModes } = await import(pathToFileURL(join(root, 'packages/backend-gpu/dist/index.js')).href);
  const backend = createGpuBackend({ mode: 'auto' });
  const result = { name: backend.name, mode: backend.mode, usesGpu: backend.usesGpu, probe: await probeGpuModes() };
  backend.dispose?.();
  return result;
}

/** Everything the report says about the machine. */
export async function describeEnvironment(root) {
  return {
    node: process.version,
    platform: `${platform()} ${arch()}`,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    nvidia: nvidia(),
    headlessGl: headlessGl(root),
    gpuBackend: await gpuBackendMode(root),
  };
}
