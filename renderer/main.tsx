import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './styles/base.css';

// Benchmark hooks can wipe the case cache, so they exist only in a build made for benchmarks
// (`vite build --mode bench`): MODE is a build-time constant, so other builds drop this branch
// and its chunk entirely rather than guarding it at run time.
if (import.meta.env.MODE === 'bench') {
  void import('./bench/dev-hooks').then((m) => m.installDevHooks());
}

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
