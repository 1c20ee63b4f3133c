import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@nnkit/backend-cpu entry', () => {
  it('exports createCpuBackend and nothing else at run time', () => {
    expect(Object.keys(api)).toEqual(['createCpuBackend']);
    expect(api.createCpuBackend().name).toBe('cpu');
  });
});
