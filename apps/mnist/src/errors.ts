/**
 * An error meant for the person at the terminal: one line saying what is wrong, and what
 * to do about it. The CLI prints it without a stack trace (unless --verbose).
 */
export class CliError extends Error {
  constructor(
    message: string,
    /** What to do about it. */
    readonly hint?: string,
    /** Process exit code (2 for usage errors). */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
