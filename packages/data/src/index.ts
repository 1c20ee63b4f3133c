// Everything that runs anywhere (the browser entry), plus the Node file readers.
export * from './browser.js';
export * from './idx-file.js';
export * from './mnist-files.js';
export * from './mnist.js';
export * from './fashion-mnist.js';
