import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot load in plain Node: the utility process and message channel are stood in for.
const forks: FakeChild[] = [];
class FakeChild extends EventEmitter {
  posted: { message: unknown; ports: unknown[] }[] = [];
  killed = false;
  constructor(
    readonly entry: string,
    readonly args: string[],
  ) {
    super();
  }
  postMessage(message: unknown, ports: unknown[] = []) {
    this.posted.push({ message, ports });
  }
  kill() {
    this.killed = true;
    return true;
  }
}
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (entry: string, args: string[]) => {
      const child = new FakeChild(entry, args);
      forks.push(child);
      return child;
    },
  },
  MessageChannelMain: class {
    port1 = { name: 'engine end' };
    port2 = { name: 'page end' };
  },
}));

const { EngineProcess } = await import('../../../electron/engine.js');

beforeEach(() => void forks.splice(0));

describe('EngineProcess', () => {
  it('forks the engine host with its arguments and hands each page load a fresh port pair', () => {
    const ports: { port: unknown; reason?: string }[] = [];
    const engine = new EngineProcess({
      entry: '/app/engine-host.cjs',
      args: ['--runs', '/r'],
      onPort: (port, reason) => ports.push({ port, reason }),
    });
    engine.start();
    expect(forks).toHaveLength(1);
    expect(forks[0]).toMatchObject({ entry: '/app/engine-host.cjs', args: ['--runs', '/r'] });
    engine.connect();
    engine.connect();
    expect(forks[0].posted).toEqual([
      { message: { type: 'connect' }, ports: [{ name: 'engine end' }] },
      { message: { type: 'connect' }, ports: [{ name: 'engine end' }] },
    ]);
    expect(ports).toEqual([
      { port: { name: 'page end' }, reason: undefined },
      { port: { name: 'page end' }, reason: undefined },
    ]);
  });

  it('restarts a dead engine and reconnects the page with the reason', () => {
    const reasons: (string | undefined)[] = [];
    const engine = new EngineProcess({ entry: 'e', args: [], onPort: (_p, reason) => reasons.push(reason) });
    engine.start();
    forks[0].emit('exit', 134);
    expect(forks).toHaveLength(2);
    expect(reasons).toEqual(['the engine process exited with code 134']);
    expect(forks[1].posted).toHaveLength(1);
  });

  it('gives up after repeated deaths instead of looping, and does not restart after stop()', () => {
    let gaveUp = '';
    const engine = new EngineProcess({ entry: 'e', args: [], onPort: () => {}, maxRestarts: 2, onGiveUp: (r) => (gaveUp = r) });
    engine.start();
    for (let i = 0; i < 3; i++) forks.at(-1)!.emit('exit', 1);
    expect(forks).toHaveLength(3);
    expect(gaveUp).toMatch(/3 times/);
    const other = new EngineProcess({ entry: 'e', args: [], onPort: () => {} });
    other.start();
    const child = forks.at(-1)!;
    other.stop();
    child.emit('exit', 0);
    expect(child.killed).toBe(true);
    expect(forks.at(-1)).toBe(child);
  });

  it('tells the page at once when the engine dies, and for good when it gives up, also to a page loaded after', () => {
    const downs: [string, boolean][] = [];
    const ports: (string | undefined)[] = [];
    let boxes = 0;
    const engine = new EngineProcess({
      entry: 'e',
      args: [],
      onPort: (_p, reason) => ports.push(reason),
      maxRestarts: 1,
      onDown: (reason, final) => downs.push([reason, final]),
      onGiveUp: () => (boxes += 1),
    });
    engine.start();
    forks.at(-1)!.emit('exit', 3);
    expect(downs).toEqual([['the engine process exited with code 3', false]]);
    expect(ports).toEqual(['the engine process exited with code 3']);
    forks.at(-1)!.emit('exit', 4);
    expect(downs).toHaveLength(2);
    expect(downs[1][1]).toBe(true);
    expect(downs[1][0]).toMatch(/exited with code 4; it failed 2 times within 60 s/);
    expect(boxes).toBe(1);
    expect(forks).toHaveLength(2);
    // A reload after the give-up gets no port but the same final note, so it does not wait forever.
    engine.connect();
    expect(ports).toHaveLength(1);
    expect(downs[2]).toEqual(downs[1]);
  });
});
