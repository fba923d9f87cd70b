import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { preloadScreenFor } from './app/router';
import { prefetchFirstPage } from './features/records/use-infinite-records';

preloadScreenFor(window.location.pathname);
// Lists opened directly (a bookmark, a reload) get their first page requested before React even starts.
if (/^\/(contacts|organizations)\/?$/.test(window.location.pathname) && !window.location.search) {
  prefetchFirstPage(window.location.pathname.replace(/\//g, '') as 'contacts' | 'organizations');
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
