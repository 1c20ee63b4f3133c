import { Resvg } from '@resvg/resvg-js';
import { FormatError, ValueError } from '@nnkit/core';

/** Preferred face for generic `sans-serif` text; resvg falls back to any installed font. */
const SANS = 'Liberation Sans';

/**
 * Rasterises an SVG to PNG bytes with resvg, scaled to `width` pixels (default: the SVG's
 * own width; the height keeps the aspect ratio). Text needs system fonts: on a machine with
 * none the PNG is still valid but its text is blank.
 *
 * @example
 * writeFileSync('curves.png', svgToPng(renderCurvesSvg(points), 1800));
 */
export function svgToPng(svg: string, width?: number): Uint8Array {
  if (width !== undefined && (!Number.isInteger(width) || width < 1 || width > 16384)) {
    throw new ValueError(`svgToPng: width must be an integer in [1, 16384], got ${width}`);
  }
  let resvg: Resvg;
  try {
    resvg = new Resvg(svg, {
      fitTo: width === undefined ? { mode: 'original' } : { mode: 'width', value: width },
      font: { loadSystemFonts: true, defaultFontFamily: SANS, sansSerifFamily: SANS },
      background: '#ffffff',
    });
  } catch (err) {
    throw new FormatError('svgToPng', `resvg could not parse the SVG: ${(err as Error).message}`, { cause: err });
  }
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
