import type { MnistSplit } from './mnist.js';

/**
 * Draws the first `count` test digits on `canvas` in a grid, each with its predicted class
 * (green when right, red when wrong), scaled up `scale` times.
 */
export function drawDigits(canvas: HTMLCanvasElement, split: MnistSplit, predictions: Int32Array, count = 24, columns = 12, scale = 2): void {
  const cell = 28 * scale;
  const label = 16;
  const rows = Math.ceil(Math.min(count, split.count) / columns);
  canvas.width = columns * cell;
  canvas.height = rows * (cell + label);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const image = ctx.createImageData(28, 28);
  const tile = document.createElement('canvas');
  tile.width = tile.height = 28;
  const tileCtx = tile.getContext('2d');
  if (!tileCtx) return;
  ctx.imageSmoothingEnabled = false;
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (let i = 0; i < Math.min(count, split.count); i++) {
    for (let p = 0; p < 784; p++) {
      const v = 255 - split.images[i * 784 + p];
      image.data.set([v, v, v, 255], p * 4);
    }
    tileCtx.putImageData(image, 0, 0);
    const x = (i % columns) * cell;
    const y = Math.floor(i / columns) * (cell + label);
    ctx.drawImage(tile, x, y, cell, cell);
    const right = predictions[i] === split.labels[i];
    ctx.fillStyle = right ? '#15803d' : '#dc2626';
    ctx.fillText(right ? String(predictions[i]) : `${predictions[i]} (${split.labels[i]})`, x + cell / 2, y + cell + 12);
  }
}
