import { z } from 'zod';
import { isAppUrl } from './app-origin.js';

/**
 * Every ipcMain.handle goes through here: the sender must be the top frame of a page on
 * app://oncall, and the arguments must match the channel's zod tuple. A rejection becomes a
 * rejected promise in the renderer with a message saying why; the main process never throws
 * out of a handler and never acts on an unchecked payload.
 */

export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
}

export interface IpcLog {
  warn(message: string): void;
  error(message: string): void;
}

export class BridgeRejection extends Error {
  override readonly name = 'BridgeRejection';
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('; ');
}

export function senderIsApp(event: InvokeEventLike): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function handleValidated<A extends unknown[]>(
  ipc: IpcMainLike,
  channel: string,
  args: z.ZodType<A>,
  handler: (...args: A) => unknown,
  log: IpcLog,
): void {
  ipc.handle(channel, async (event, ...raw) => {
    if (!senderIsApp(event)) {
      log.warn(`${channel}: refused a call from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      throw new BridgeRejection(`${channel}: refused, the sender is not the OnCall app`);
    }
    const parsed = args.safeParse(raw);
    if (!parsed.success) {
      const why = describeIssues(parsed.error);
      log.warn(`${channel}: invalid payload: ${why}`);
      throw new BridgeRejection(`${channel}: invalid payload: ${why}`);
    }
    try {
      return await handler(...parsed.data);
    } catch (err) {
      if (err instanceof BridgeRejection) throw err;
      const message = err instanceof z.ZodError ? describeIssues(err) : err instanceof Error ? err.message : String(err);
      log.error(`${channel}: failed: ${message}`);
      throw new BridgeRejection(`${channel}: failed: ${message}`);
    }
  });
}
