import { fork, type ChildProcess } from 'node:child_process';

/**
 * Request/reply over a forked child's IPC channel. The parent holds an RpcChild; the child calls
 * serve() with one handler per command. Every call has a time-out and a child that exits rejects
 * whatever is still pending, so nothing in the bench waits for ever.
 */

export type Commands = Record<string, (args: never) => unknown>;

interface RequestMsg {
  rpc: 'req';
  id: number;
  cmd: string;
  args: unknown;
}
type ReplyMsg = { rpc: 'res'; id: number; ok: true; result: unknown } | { rpc: 'res'; id: number; ok: false; error: string };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;
const isRequest = (m: unknown): m is RequestMsg => isObject(m) && m.rpc === 'req' && typeof m.id === 'number' && typeof m.cmd === 'string';
const isReply = (m: unknown): m is ReplyMsg => isObject(m) && m.rpc === 'res' && typeof m.id === 'number' && typeof m.ok === 'boolean';

export class RpcChild<C extends Commands> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  private exitInfo: string | null = null;
  readonly exited: Promise<string>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.on('message', (m) => {
      if (!isReply(m)) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`${name}: ${m.error}`));
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = `${name} exited (code ${code ?? '-'}, signal ${signal ?? '-'})`;
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(new Error(this.exitInfo));
        }
        this.pending.clear();
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.exitInfo === null;
  }

  call<K extends keyof C & string>(cmd: K, args: Parameters<C[K]>[0], timeoutMs: number): Promise<Awaited<ReturnType<C[K]>>> {
    if (this.exitInfo) return Promise.reject(new Error(this.exitInfo));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${cmd} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      const msg: RequestMsg = { rpc: 'req', id, cmd, args };
      this.child.send(msg);
    });
  }

  /** Asks the child to stop (its `close` command), then kills it if it has not exited in time. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.alive) return;
    await this.call('close' as keyof C & string, undefined as never, timeoutMs).catch(() => undefined);
    const killer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(killer);
  }
}

/** Forks a TypeScript child with the same tsx loader as this process. */
export function forkTs<C extends Commands>(name: string, script: string, extraExecArgv: string[] = []): RpcChild<C> {
  const child = fork(script, [], {
    execArgv: [...process.execArgv, ...extraExecArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  return new RpcChild<C>(name, child);
}

/** Child side: answers each command with its handler's result; exits when the parent goes away. */
export function serve<C extends Commands>(handlers: C): void {
  if (!process.send) throw new Error('serve(): not started with an IPC channel (use forkTs)');
  const send = (m: ReplyMsg) => process.send?.(m);
  process.on('message', (m: unknown) => {
    if (!isRequest(m)) return;
    const handler = handlers[m.cmd];
    if (!handler) return send({ rpc: 'res', id: m.id, ok: false, error: `unknown command ${m.cmd}` });
    Promise.resolve()
      .then(() => (handler as (args: unknown) => unknown)(m.args))
      .then(
        (result) => send({ rpc: 'res', id: m.id, ok: true, result }),
        (err: unknown) => send({ rpc: 'res', id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
}
