import type { OnCallBridge } from '../../electron/bridge-contract.js';

/**
 * The platform seam (DESIGN.md): everything the renderer needs from its host. In the desktop app
 * it is the preload bridge `window.oncall`; in a browser, web APIs (see browser.ts).
 */
export type Platform = Omit<OnCallBridge, 'kind'> & {
  readonly kind: 'desktop' | 'web';
  /** Where the signaling server lives: the desktop's setting, or the page's own origin. */
  serverUrl(): Promise<string>;
  /** Only the desktop lets the user choose the server. */
  readonly canChooseServer: boolean;
};

declare global {
  interface Window {
    oncall?: OnCallBridge;
  }
}
