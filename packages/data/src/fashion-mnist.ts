import { MNIST } from './mnist.js';

/**
 * Fashion-MNIST: 28×28 grey images of ten kinds of clothing, in exactly MNIST's file layout
 * and names (`train-images-idx3-ubyte[.gz]`, …) in their own folder. No npm package ships it;
 * download the four files from the Fashion-MNIST release into a folder and pass it as `root`.
 *
 * @example
 * const train = new FashionMNIST({ root: 'data/fashion-mnist' });
 * FashionMNIST.classes[train.get(0).label]; // 'Ankle boot'
 */
export class FashionMNIST extends MNIST {
  static override readonly datasetName: string = 'FashionMNIST';
  static override readonly classes: readonly string[] = [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ];
}
