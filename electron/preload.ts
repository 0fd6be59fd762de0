/**
 * Preload (bundled to CommonJS by build.mjs: sandboxed preloads cannot load ESM or any module but
 * `electron`). Exposes the typed bridge as `window.oncall` and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge-client.js';

contextBridge.exposeInMainWorld('oncall', createBridge(ipcRenderer));
