export * from './backend.js';
export * from './dtype.js';
export * from './errors.js';
export * from './random.js';
export * from './shape.js';
export * from './tolerance.js';
