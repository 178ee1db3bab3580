import { describe, expect, it } from 'vitest';
import { TrainController } from '../../../src/train/controller.js';

describe('TrainController', () => {
  it('pause() and resume() only act on a running or paused training', () => {
    const c = new TrainController();
    expect(c.pause()).toBe(false);
    c.begin();
    expect(c.resume()).toBe(false);
    expect(c.pause()).toBe(true);
    expect(c.state).toBe('paused');
    expect(c.resume()).toBe(true);
    expect(c.state).toBe('running');
  });

  it('waitWhilePaused() resolves on resume and on cancel', async () => {
    const c = new TrainController();
    c.begin();
    c.pause();
    let released = false;
    const wait = c.waitWhilePaused().then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    c.cancel();
    await wait;
    expect(released).toBe(true);
    expect(c.cancelled).toBe(true);
  });

  it('onChange() reports each state change until unsubscribed', () => {
    const c = new TrainController();
    const states: string[] = [];
    const off = c.onChange((s) => states.push(s));
    c.begin();
    c.pause();
    off();
    c.resume();
    expect(states).toEqual(['running', 'paused']);
  });
});
