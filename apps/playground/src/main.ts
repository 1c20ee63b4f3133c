import { availableChoices, backendFor, CHOICES, LABELS, prepare, type Choice } from './backends.js';
import { drawDigits } from './digits.js';
import { lossChartSvg, type ChartSeries } from './loss-chart.js';
import { loadMnistSubset, type MnistSplit } from './mnist.js';
import { trainMlp } from './train.js';

// The page: pick a backend, train, watch the loss, read the accuracy. The body's
// data-state (loading, ready, training, done, error) is what the end-to-end test waits on.

const COLORS: Record<Choice, string> = { cpu: '#2563eb', webgpu: '#db2777', webgl2: '#ea580c' };

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`playground: #${id} is missing from index.html`);
  return el as T;
};
const status = $('status');
const chart = $('chart');
const trainButton = $<HTMLButtonElement>('train');
const stopButton = $<HTMLButtonElement>('stop');
const numberField = (id: string): number => Number($<HTMLInputElement>(id).value);
const setState = (state: string): void => void (document.body.dataset.state = state);

const finished: ChartSeries[] = [];
let controller: AbortController | null = null;

function drawChart(current: ChartSeries | null, steps: number): void {
  chart.innerHTML = lossChartSvg(current ? [...finished.slice(-3), current] : finished.slice(-4), { steps });
}

function selectedChoice(): Choice {
  const checked = document.querySelector<HTMLInputElement>('input[name="backend"]:checked');
  return (checked?.value ?? 'cpu') as Choice;
}

async function setUp(): Promise<{ train: MnistSplit; test: MnistSplit }> {
  const [data, available] = await Promise.all([loadMnistSubset(), availableChoices()]);
  const fieldset = $('backends');
  const params = new URLSearchParams(location.search);
  const wanted = params.get('backend');
  for (const choice of CHOICES) {
    const label = document.createElement('label');
    label.className = available[choice] ? '' : 'unavailable';
    const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'backend', value: choice, disabled: !available[choice] });
    input.checked = wanted ? wanted === choice : choice === 'cpu';
    label.append(input, ` ${LABELS[choice]}${available[choice] ? '' : ' (not available here)'}`);
    fieldset.append(label);
  }
  const trainCount = $<HTMLInputElement>('train-count');
  trainCount.max = String(data.train.count);
  trainCount.value = String(Math.min(Number(trainCount.value), data.train.count));
  status.textContent = `Ready: ${data.train.count} training and ${data.test.count} test images loaded.`;
  return data;
}

async function run(data: { train: MnistSplit; test: MnistSplit }): Promise<void> {
  const choice = selectedChoice();
  const options = {
    trainCount: numberField('train-count'),
    hidden: numberField('hidden'),
    epochs: numberField('epochs'),
    batchSize: numberField('batch-size'),
    lr: numberField('lr'),
  };
  controller = new AbortController();
  trainButton.disabled = true;
  stopButton.disabled = false;
  setState('training');
  let name: string = choice;
  try {
    const backend = backendFor(choice);
    name = backend.name;
    const threads = await prepare(choice, backend);
    if (choice === 'cpu') document.body.dataset.cpuThreads = String(threads);
    // WebGL2 dashed: with the same seed the two GPU modes give the same curve.
    const series = { label: backend.name, color: COLORS[choice], losses: [] as number[], dashed: choice === 'webgl2' };
    let lastDraw = 0;
    const where = choice === 'cpu' ? ` (WebAssembly, ${threads} thread${threads === 1 ? '' : 's'})` : '';
    status.textContent = `Training on ${backend.name}${where}…${choice === 'cpu' ? '' : ' (the first steps compile the GPU kernels)'}`;
    const result = await trainMlp({
      backend, train: data.train, test: data.test, ...options, signal: controller.signal,
      onStep(p) {
        series.losses.push(p.loss);
        if (performance.now() - lastDraw > 100 || p.step === p.totalSteps) {
          lastDraw = performance.now();
          drawChart(series, p.totalSteps);
          status.textContent = `${backend.name}: epoch ${p.epoch + 1}/${options.epochs}, step ${p.step}/${p.totalSteps}, loss ${p.loss.toFixed(3)}, ${Math.round(p.samplesPerSecond)} images/s`;
        }
      },
    });
    finished.push(series);
    drawChart(null, series.losses.length);
    const pct = `${(result.accuracy * 100).toFixed(1)} %`;
    const accuracy = $('accuracy');
    accuracy.textContent = pct;
    accuracy.dataset.value = String(result.accuracy);
    accuracy.dataset.backend = result.backend;
    $('accuracy-note').textContent = `${result.backend}, ${data.test.count} test images (chance: 10 %)`;
    const row = document.createElement('tr');
    row.dataset.backend = result.backend;
    row.dataset.accuracy = String(result.accuracy);
    for (const cell of [result.backend, `${Math.min(options.trainCount, data.train.count)} × ${options.epochs}`, String(options.hidden), `${result.trainSeconds.toFixed(1)} s`, pct]) {
      row.append(Object.assign(document.createElement('td'), { textContent: cell }));
    }
    $('runs').append(row);
    drawDigits($<HTMLCanvasElement>('digits'), data.test, result.predictions);
    status.textContent = `Done: ${result.steps} steps on ${result.backend} in ${result.trainSeconds.toFixed(1)} s; test accuracy ${pct}.`;
    setState('done');
  } catch (err) {
    const stopped = err instanceof DOMException && err.name === 'AbortError';
    status.textContent = stopped ? 'Stopped.' : `Error on ${name}: ${(err as Error).message}`;
    setState(stopped ? 'ready' : 'error');
    if (!stopped) console.error(err);
  } finally {
    trainButton.disabled = false;
    stopButton.disabled = true;
    controller = null;
  }
}

setUp().then(
  (data) => {
    drawChart(null, 100);
    trainButton.disabled = false;
    trainButton.addEventListener('click', () => void run(data));
    stopButton.addEventListener('click', () => controller?.abort());
    setState('ready');
  },
  (err: unknown) => {
    status.textContent = `Could not start: ${(err as Error).message}`;
    setState('error');
    console.error(err);
  },
);
