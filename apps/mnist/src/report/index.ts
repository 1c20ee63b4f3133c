/** Presentation of a training run: charts, digit grids and text tables over plain data. */
export { asciiDigit, formatProbabilities } from './ascii.js';
export { confusionMatrix, formatConfusion } from './confusion.js';
export { type CurvesOptions, type MetricPoint, renderCurvesSvg } from './curves.js';
export { type DigitGridOptions, type DigitSample, renderDigitGridPng, renderDigitGridSvg } from './digits.js';
export { encodePng, pngDataUri, readPngHeader } from './png.js';
export { svgToPng } from './svg-to-png.js';
export { type EpochRow, formatEpochHeader, formatEpochRow } from './table.js';
