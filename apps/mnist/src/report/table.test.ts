import { ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { type EpochRow, formatEpochHeader, formatEpochRow } from './table.js';

const base: EpochRow = { epoch: 3, epochs: 10, trainLoss: 0.08123, trainAcc: 0.97524, testLoss: 0.0904, testAcc: 0.9721, lr: 0.1, seconds: 4.23 };

describe('epoch table', () => {
  it('aligns the header, its rule and the rows', () => {
    const [header, rule] = formatEpochHeader().split('\n');
    const row = formatEpochRow(base);
    expect(header).toMatch(/^ +epoch +train loss +train acc +test loss +test acc +lr +time$/);
    expect(rule).toMatch(/^─+$/);
    expect(row).toMatch(/^ +3\/10 +0\.0812 +97\.52% +0\.0904 +97\.21% +0\.1 +4\.2s$/);
    expect(new Set([header.length, rule.length, row.length]).size).toBe(1);
    // Every value ends where its column title ends.
    for (const title of ['epoch', 'train loss', 'train acc', 'test loss', 'test acc', 'lr', 'time']) {
      const end = header.indexOf(title) + title.length;
      expect(row[end - 1]).not.toBe(' ');
      expect(row[end] ?? ' ').toBe(' ');
    }
  });

  it('pads the epoch number to the width of the total', () => {
    expect(formatEpochRow({ ...base, epoch: 7, epochs: 100 })).toMatch(/^ +7\/100 /);
    expect(formatEpochRow({ ...base, epoch: 0 })).toMatch(/^ +0\/10 /);
  });

  it('writes small learning rates in scientific notation and long times in minutes', () => {
    const lr = (v: number): string => formatEpochRow({ ...base, lr: v }).trim().split(/ +/)[5];
    expect([lr(0.05), lr(0.0125), lr(1e-3), lr(3e-5), lr(0)]).toEqual(['0.05', '0.0125', '1.00e-3', '3.00e-5', '0']);
    expect(formatEpochRow({ ...base, seconds: 730.2 })).toMatch(/ 12m10s$/);
    expect(formatEpochRow({ ...base, seconds: 59.94 })).toMatch(/ 59\.9s$/);
  });

  it('prints a diverged run instead of throwing', () => {
    const row = formatEpochRow({ ...base, trainLoss: Number.NaN, testLoss: Number.POSITIVE_INFINITY, testAcc: Number.NaN });
    expect(row.trim().split(/ +/)).toEqual(['3/10', 'nan', '97.52%', 'inf', 'nan', '0.1', '4.2s']);
    expect(row.length).toBe(formatEpochRow(base).length);
  });

  it('rejects impossible epochs, percent accuracies and negative times', () => {
    expect(() => formatEpochRow({ ...base, epoch: 11 })).toThrow(ValueError);
    expect(() => formatEpochRow({ ...base, epochs: 0, epoch: 0 })).toThrow(/epoch 0 of 0/);
    expect(() => formatEpochRow({ ...base, testAcc: 97.2 })).toThrow(/testAcc must be a fraction/);
    expect(() => formatEpochRow({ ...base, seconds: -1 })).toThrow(/seconds must be >= 0/);
  });
});
