import { NnkitError } from '@nnkit/core';
import '@nnkit/autograd';
import { HELP, parseCommandLine } from './args.js';
import { CliError } from './errors.js';
import { evalCommand } from './eval-command.js';
import { predictCommand } from './predict-command.js';
import { trainCommand } from './train.js';

/** Runs the CLI on `argv` and returns the exit code; errors become one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    const args = parseCommandLine(argv);
    if (args.help) {
      console.log(HELP);
      return 0;
    }
    if (args.command === 'eval') return await evalCommand(args);
    if (args.command === 'predict') return await predictCommand(args);
    return await trainCommand(args);
  } catch (err) {
    if (err instanceof CliError || err instanceof NnkitError) {
      const hint = err instanceof CliError && err.hint ? ` (${err.hint})` : '';
      console.error(`error: ${err.message.split('\n')[0]}${hint}`);
      if (verbose) console.error(err.stack);
      return err instanceof CliError ? err.exitCode : 1;
    }
    console.error(`error: ${(err as Error).message ?? String(err)}${verbose ? '' : ' (run with --verbose for details)'}`);
    if (verbose) console.error((err as Error).stack);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
