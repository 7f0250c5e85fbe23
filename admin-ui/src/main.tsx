import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

// The UI routes in the URL hash, so any static server can serve it. A server that answers deep
// links such as /tra-cuu with index.html lands here: move the path into the hash.
if (!['/', '/index.html'].includes(window.location.pathname) && window.location.hash === '') {
  window.location.replace(`/#${window.location.pathname}${window.location.search}`);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
