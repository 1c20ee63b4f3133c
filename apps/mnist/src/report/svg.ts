/** Small helpers shared by the SVG renderers. */

/** Escapes text for use in SVG character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' })[c]};`);
}

/** Coordinate with at most one decimal, so paths stay short. */
export function px(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Attributes shared by every text element. */
export interface TextStyle {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  fill?: string;
  weight?: 'normal' | 'bold';
  transform?: string;
}

/** One `<text>` element; the font family is inherited from the root `<svg>`. */
export function text(x: number, y: number, content: string, style: TextStyle = {}): string {
  const attrs = [`x="${px(x)}"`, `y="${px(y)}"`];
  if (style.size !== undefined) attrs.push(`font-size="${style.size}"`);
  if (style.anchor && style.anchor !== 'start') attrs.push(`text-anchor="${style.anchor}"`);
  if (style.fill) attrs.push(`fill="${style.fill}"`);
  if (style.weight === 'bold') attrs.push('font-weight="bold"');
  if (style.transform) attrs.push(`transform="${style.transform}"`);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

/** The root element: fixed size, white background, sans-serif text. */
export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" fill="#1f2937">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
