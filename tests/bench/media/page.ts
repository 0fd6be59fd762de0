import { BareFlow } from './bare-flow.js';
import { OnCallFlow, type OnCallSetup } from './oncall-flow.js';

/** What the harness (scenarios/media.ts) calls through page.evaluate. Both parties live in this page: one clock. */
export interface MediaBenchPage {
  open(oncall: OnCallSetup, floorUrl: string): Promise<void>;
  oncallCall(timeoutMs: number): Promise<number>;
  bareCall(timeoutMs: number): Promise<number>;
  close(): void;
}

let oncall: OnCallFlow | null = null;
let bare: BareFlow | null = null;

const api: MediaBenchPage = {
  async open(s, floorUrl) {
    [oncall, bare] = await Promise.all([OnCallFlow.open(s), BareFlow.open(floorUrl)]);
  },
  oncallCall(timeoutMs) {
    if (!oncall) throw new Error('open first');
    return oncall.call(timeoutMs);
  },
  bareCall(timeoutMs) {
    if (!bare) throw new Error('open first');
    return bare.call(timeoutMs);
  },
  close() {
    oncall?.close();
    bare?.close();
  },
};

(window as unknown as { benchMedia: MediaBenchPage }).benchMedia = api;
