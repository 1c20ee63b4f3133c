import { describe, expect, it } from 'vitest';
import { escapeXml, px, svgDocument, text } from './svg.js';

describe('svg helpers', () => {
  it('escapes markup characters', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });

  it('rounds coordinates to one decimal without -0', () => {
    expect(px(1.26)).toBe('1.3');
    expect(px(-0.01)).toBe('0');
    expect(px(12)).toBe('12');
  });

  it('writes text elements and a sans-serif document', () => {
    expect(text(1, 2, 'x<y', { anchor: 'end', weight: 'bold' })).toBe(
      '<text x="1" y="2" text-anchor="end" font-weight="bold">x&lt;y</text>',
    );
    const doc = svgDocument(10, 20, ['<g/>']);
    expect(doc).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="10" height="20"/);
    expect(doc).toContain('font-family="sans-serif"');
    expect(doc.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
