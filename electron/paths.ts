import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the shell finds its files, from the bundled main (dist-electron/main.js). The same layout
 * holds inside the packaged app.asar: dist-electron/, dist/web/, assets/. Assets are unpacked
 * from the asar (electron-builder `asarUnpack`) because the OS tray and notification daemons
 * read icon files by path, outside Electron's asar support.
 */
export function shellPaths(mainModuleUrl: string) {
  const bundleDir = dirname(fileURLToPath(mainModuleUrl));
  const appRoot = dirname(bundleDir);
  const assets = join(appRoot.replace(/app\.asar$/, 'app.asar.unpacked'), 'assets');
  return {
    appRoot,
    preload: join(bundleDir, 'preload.cjs'),
    webRoot: join(appRoot, 'dist', 'web'),
    icon: join(assets, 'icon.png'),
    trayIdle: join(assets, 'tray.png'),
    trayRinging: join(assets, 'tray-ringing.png'),
  };
}
