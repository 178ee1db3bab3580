/**
 * The engine runs in a utility process, not in main: training blocks its thread, and a blocked main process
 * would freeze the window. Each page load gets its own MessagePort straight to the engine, so requests never
 * hop through main. If the engine dies, the page is told at once (`onDown`: its requests in flight fail), the
 * engine is forked again and the page gets a new port with the reason; after a crash loop it is told the
 * engine will not come back (`onDown` with `final`), so nothing it asks waits forever.
 */
import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';

export interface EngineOptions {
  /** Bundled engine host entry (`engine-host.cjs`). */
  entry: string;
  /** Arguments for the engine host, e.g. `['--runs', dir]`. */
  args: string[];
  /** Hands a fresh port to the page; `restartReason` is set when the engine was restarted. */
  onPort(port: MessagePortMain, restartReason?: string): void;
  /** Gives up after this many deaths within `windowMs` (a crash loop), reporting it. Default 5. */
  maxRestarts?: number;
  windowMs?: number;
  /** The engine died: restarted next (`final` false) or given up on (`final` true). */
  onDown?(reason: string, final: boolean): void;
  /** Also told when the engine is given up on (e.g. to show an error box). */
  onGiveUp?(reason: string): void;
}

export class EngineProcess {
  private child: UtilityProcess | null = null;
  private deaths: number[] = [];
  private stopping = false;
  /** Why the engine was given up on; a page that loads after that is told so instead of waiting. */
  private finalReason: string | null = null;

  constructor(private readonly opts: EngineOptions) {}

  /** Forks the engine; the page is connected by `connect()` once it has loaded. */
  start(): void {
    this.fork();
  }

  /** A new port pair: one end to the engine, the other to the page (on every page load). */
  connect(restartReason?: string): void {
    if (!this.child) {
      if (this.finalReason !== null) this.opts.onDown?.(this.finalReason, true);
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect' }, [port1]);
    this.opts.onPort(port2, restartReason);
  }

  /** Stops the engine for good (app quit). */
  stop(): void {
    this.stopping = true;
    this.child?.kill();
    this.child = null;
  }

  private fork(): void {
    const child = utilityProcess.fork(this.opts.entry, this.opts.args, { serviceName: 'Latent Explorer engine', stdio: 'inherit' });
    this.child = child;
    child.on('exit', (code) => {
      if (this.child !== child || this.stopping) return;
      this.child = null;
      this.restart(`the engine process exited with code ${code}`);
    });
  }

  private restart(reason: string): void {
    const now = Date.now();
    const windowMs = this.opts.windowMs ?? 60_000;
    this.deaths = [...this.deaths.filter((t) => now - t < windowMs), now];
    if (this.deaths.length > (this.opts.maxRestarts ?? 5)) {
      const final = `${reason}; it failed ${this.deaths.length} times within ${Math.round(windowMs / 1000)} s, so it is not restarted again`;
      this.finalReason = final;
      this.opts.onDown?.(final, true);
      this.opts.onGiveUp?.(final);
      return;
    }
    this.opts.onDown?.(reason, false);
    this.fork();
    this.connect(reason);
  }
}
