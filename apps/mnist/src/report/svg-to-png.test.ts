import { FormatError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { readPngHeader } from './png.js';
import { svgToPng } from './svg-to-png.js';
import { svgDocument, text } from './svg.js';

const svg = svgDocument(300, 100, [text(10, 50, 'Accuracy 97.1%', { size: 20 }), '<rect x="200" y="20" width="60" height="60" fill="#2563eb"/>']);

describe('svgToPng', () => {
  it('renders at the SVG size by default', () => {
    const png = svgToPng(svg);
    expect(readPngHeader(png)).toMatchObject({ width: 300, height: 100 });
  });

  it('scales to a requested width, keeping the aspect ratio', () => {
    expect(readPngHeader(svgToPng(svg, 900))).toMatchObject({ width: 900, height: 300 });
  });

  it('rejects malformed SVG and bad widths with typed errors', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toThrow(FormatError);
    expect(() => svgToPng(svg, 0)).toThrow(ValueError);
    expect(() => svgToPng(svg, 10.5)).toThrow(/width must be an integer/);
  });
});
