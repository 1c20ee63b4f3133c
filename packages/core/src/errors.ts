/** Base class of every error nnkit throws on purpose; `name` says which kind. */
export class NnkitError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Shapes that do not fit the op: the message names the op and the shapes. */
export class ShapeError extends NnkitError {}

/** A dtype the op or the backend cannot take: the message names both. */
export class DTypeError extends NnkitError {}

/** A backend could not do what was asked (missing capability, lost device, mixed backends). */
export class BackendError extends NnkitError {}

/** An argument that is out of range or of the wrong kind (an axis, an index, an option). */
export class ValueError extends NnkitError {}

/** A tensor was used after `dispose()`. */
export class DisposedError extends NnkitError {}

/** Gradient recording or backward could not go on (freed graph, non-scalar output, …). */
export class AutogradError extends NnkitError {}

/** A file or byte buffer is malformed: the message names the file and what is wrong. */
export class FormatError extends NnkitError {
  constructor(
    readonly file: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${detail}`, options);
  }
}
