/**
 * Page state against a fake API: importing connects to nothing, `startState` wires the link, engine events
 * and menu commands change state one way, and the stop function unsubscribes everything.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, type EngineInfo, type RunSummary, type TrainConfig } from '../../../../src/pure/api/api.js';
import { PRESETS } from '../../../../src/pure/model/presets.js';
import { fakeLink, settle, type FakeLink } from './fake-link.js';

vi.stubGlobal('document', { documentElement: { lang: 'en' } });

const INFO: EngineInfo = {
  backend: 'wasm',
  version: 'test',
  dataset: {
    id: 'mnist',
    name: 'MNIST',
    trainCount: 60_000,
    testCount: 10_000,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
  run: null,
  training: null,
};
const RUN = { id: 'r1', name: 'dense 2-D' } as RunSummary;

// Imported, not started: nothing may have connected or subscribed yet.
const appModule = await import('../../../../renderer/state/app.svelte.js');
const { studio, startRun } = await import('../../../../renderer/state/studio.svelte.js');
const { teach } = await import('../../../../renderer/state/teach.svelte.js');
const { explorer } = await import('../../../../renderer/state/explorer.svelte.js');
const { startState } = await import('../../../../renderer/state/start.js');
const { handleMenuCommand } = await import('../../../../renderer/state/menu.js');
const { offerExport } = await import('../../../../renderer/state/export-signal.js');
const { i18n } = await import('../../../../renderer/i18n/index.svelte.js');
const { api, app } = appModule;

let link: FakeLink;
let stop: (() => void) | null = null;

function start(handlers: Parameters<typeof fakeLink>[0] = {}) {
  link = fakeLink({ info: () => INFO, listRuns: () => [RUN], runConfig: () => ({ loss: 'bce' }), ...handlers });
  stop = startState(link);
  return link;
}

afterEach(() => {
  stop?.();
  stop = null;
});

describe('page state', () => {
  beforeAll(() => {
    expect(Object.keys(api)).toEqual([]);
    expect(app.status).toBe('connecting');
  });

  it('asks for the engine info once the link is ready, and follows the link status to gave-up', async () => {
    start();
    expect(app.status).toBe('connecting');
    link.up();
    expect(app.status).toBe('ready');
    await settle();
    expect(app.info).toEqual(INFO);
    link.down('lost', 'code 1006');
    expect(app.status).toBe('lost');
    link.giveUp('it failed 6 times');
    expect(app.status).toBe('gave-up');
    expect(app.notice).toEqual({ kind: 'error', key: 'status.gaveUpNotice', params: { reason: 'it failed 6 times' } });
    await expect(api.info()).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/stopped for good/) });
  });

  it('shows an engine restart as a notice and asks for the info again', async () => {
    start().up();
    await settle();
    const infos = () => link.calls.filter((c) => c.method === 'info').length;
    const before = infos();
    link.down('restarting', 'exited with code 9');
    link.up();
    await settle();
    expect(app.notice).toEqual({ kind: 'error', key: 'status.restarted', params: { reason: 'reconnected' } });
    expect(infos()).toBe(before + 1);
  });

  it('adopts a training started elsewhere, follows its curves and positions, and ends it', async () => {
    start().up();
    await settle();
    link.emit('trainProgress', {
      runId: 'x',
      kind: 'batch',
      epoch: 1,
      epochs: 3,
      batch: 5,
      batches: 10,
      loss: 0.3,
      samplesPerSec: 1,
      etaSec: 1,
    });
    expect(studio).toMatchObject({ runId: 'x', status: 'running', epochs: 3 });
    expect(studio.train).toHaveLength(1);
    expect(app.progress?.epoch).toBe(1);
    link.emit('trainProgress', {
      runId: 'x',
      kind: 'epoch',
      epoch: 1,
      epochs: 3,
      batch: 10,
      batches: 10,
      loss: 0.25,
      testLoss: 0.2,
      samplesPerSec: 1,
      etaSec: 1,
    });
    expect(studio.test).toEqual([{ x: 1, y: 0.2 }]);
    link.emit('embeddingUpdate', {
      runId: 'x',
      epoch: 1,
      x: Float32Array.of(1, 2),
      y: Float32Array.of(3, 4),
      labels: Uint8Array.of(0, 1),
    } as never);
    expect(studio.updates).toBe(1);
    expect(Array.from(studio.frame!.x)).toEqual([1, 2]);
    const listed = link.calls.filter((c) => c.method === 'listRuns').length;
    link.emit('trainEnd', { runId: 'x', outcome: 'complete', run: RUN });
    expect(studio.status).toBe('complete');
    expect(studio.saved).toEqual(RUN);
    expect(app.progress).toBeNull();
    await settle();
    await settle();
    // The lessons list the runs again after a training, with each run's loss.
    expect(link.calls.filter((c) => c.method === 'listRuns').length).toBe(listed + 1);
    expect(teach.runs).toEqual([RUN]);
    expect(teach.losses.get('r1')).toBe('bce');
  });

  it('starts a run, and shows the engine refusal as a failed status with its message', async () => {
    const config = PRESETS[0]!.config as TrainConfig;
    start({ startTraining: () => ({ runId: 'mine' }) }).up();
    await startRun(config);
    expect(studio).toMatchObject({ runId: 'mine', status: 'running', trainedOn: config.dataset ?? 'mnist' });
    stop!();
    start({
      startTraining: () => {
        throw new ApiError('busy', 'a training is already running');
      },
    }).up();
    await startRun(config);
    expect(studio).toMatchObject({ status: 'failed', message: 'a training is already running' });
  });

  it('menu commands: Export figure opens the first offered export menu (a signal), else says there is none', () => {
    start().up();
    app.notice = null;
    handleMenuCommand({ kind: 'exportFigure' });
    expect(app.notice).toEqual({ kind: 'info', key: 'notice.noFigure' });
    app.notice = null;
    const opened: string[] = [];
    const offA = offerExport(() => opened.push('a'));
    const offB = offerExport(() => opened.push('b'));
    handleMenuCommand({ kind: 'exportFigure' });
    offA();
    handleMenuCommand({ kind: 'exportFigure' });
    offB();
    expect(opened).toEqual(['a', 'b']);
    expect(app.notice).toBeNull();
  });

  it('menu commands: language and Open Run', async () => {
    start({ openRun: () => ({}) }).up();
    handleMenuCommand({ kind: 'language', locale: 'es' });
    expect(i18n.locale).toBe('es');
    handleMenuCommand({ kind: 'language', locale: 'xx' });
    expect(i18n.locale).toBe('es');
    app.view = 'runs';
    handleMenuCommand({ kind: 'openRun', id: 'r1' });
    expect(explorer.runId).toBe('r1');
    expect(app.view).toBe('explorer');
    await settle();
    expect(link.calls.find((c) => c.method === 'openRun')?.arg).toEqual({ id: 'r1' });
  });

  it('the stop function unsubscribes every state module from the link', async () => {
    start().up();
    await settle();
    stop!();
    stop = null;
    const before = { status: studio.status, updates: studio.updates };
    link.emit('trainProgress', {
      runId: 'y',
      kind: 'batch',
      epoch: 1,
      epochs: 2,
      batch: 1,
      batches: 2,
      loss: 1,
      samplesPerSec: 1,
      etaSec: 1,
    });
    link.down('lost', 'gone');
    expect(studio.runId).not.toBe('y');
    expect(studio.status).toBe(before.status);
    expect(app.status).toBe('ready');
  });
});
