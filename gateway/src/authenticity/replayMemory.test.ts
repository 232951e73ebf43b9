/** Replay memory: remembers for its time-to-live only, and forgets the oldest when full. */
import { ReplayMemory } from './replayMemory';

describe('replay memory', () => {
  it('answers from memory until the entry expires', () => {
    let now = 1000;
    const memory = new ReplayMemory(500, 10, () => now);
    memory.remember('a');
    expect(memory.has('a')).toBe(true);
    now = 1499;
    expect(memory.has('a')).toBe(true);
    now = 1500;
    expect(memory.has('a')).toBe(false);
  });

  it('forgets the oldest entry when full', () => {
    const memory = new ReplayMemory(60_000, 2);
    memory.remember('a');
    memory.remember('b');
    memory.remember('c');
    expect([memory.has('a'), memory.has('b'), memory.has('c')]).toEqual([false, true, true]);
  });
});
