import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LayerHold } from '../../../src/app/map/layer-hold.ts';

describe('LayerHold', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const holdOf = () => {
    const applied: string[] = [];
    return { applied, hold: new LayerHold<string>((layers) => applied.push(layers), 150) };
  };

  it('draws layers at once when no answer is pending', () => {
    const { applied, hold } = holdOf();
    hold.offer('a', false);
    expect(applied).toEqual(['a']);
    expect(hold.holding).toBe(false);
  });

  it("holds a moved site's layers until its answer's layers come, then draws only those: one frame for both", () => {
    const { applied, hold } = holdOf();
    hold.offer('moved', true);
    expect(applied).toEqual([]);
    expect(hold.holding).toBe(true);
    vi.advanceTimersByTime(40);
    hold.offer('answered', false);
    expect(applied).toEqual(['answered']);
    // The deadline is gone with what it held.
    vi.advanceTimersByTime(1000);
    expect(applied).toEqual(['answered']);
  });

  it('draws the latest held layers 150 ms after the first were held when no answer comes, however many came since', () => {
    const { applied, hold } = holdOf();
    hold.offer('step 1', true);
    vi.advanceTimersByTime(100);
    hold.offer('step 2', true);
    vi.advanceTimersByTime(49);
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual(['step 2']);
    // A new hold starts its own 150 ms.
    hold.offer('step 3', true);
    vi.advanceTimersByTime(149);
    expect(applied).toEqual(['step 2']);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual(['step 2', 'step 3']);
  });

  it('drops what it holds when disposed', () => {
    const { applied, hold } = holdOf();
    hold.offer('moved', true);
    hold.dispose();
    vi.advanceTimersByTime(1000);
    expect(applied).toEqual([]);
  });
});
