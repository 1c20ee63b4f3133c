import { transfer, type Tensor } from '@nnkit/tensor';

/**
 * `t` on the backend and in the dtype of `like` (a parameter): `t` itself when it already is,
 * otherwise a new tensor that the caller owns (`t` is left alone). Call it without gradient
 * recording. This is how optimizer state follows its parameter after `model.to(backend)`.
 *
 * @example
 * const moved = follow(expAvg, param); // on param.backend, in param.dtype
 */
export function follow(t: Tensor, like: Tensor): Tensor {
  let out = t;
  if (out.backend !== like.backend) out = transfer(out, like.backend);
  if (out.dtype !== like.dtype) {
    const cast = out.to(like.dtype);
    if (out !== t) out.dispose();
    out = cast;
  }
  return out;
}

/** A new tensor the caller owns: a copy of `t` on `like`'s backend and in its dtype. */
export function copyLike(t: Tensor, like: Tensor): Tensor {
  const out = follow(t, like);
  return out === t ? t.clone() : out;
}
