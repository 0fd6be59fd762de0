import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { currentCallStats } from './stores/call.js';
import { startApp } from './stores/app.js';
import { App } from './ui/App.js';
import './styles.css';

declare global {
  interface Window {
    /** Read-only diagnostics of the live call (used by the end-to-end tests). */
    __oncallCall?: { getStats: typeof currentCallStats };
  }
}
window.__oncallCall = Object.freeze({ getStats: currentCallStats });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void startApp();
