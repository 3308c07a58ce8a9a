import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles/app.css';
import './styles/controls.css';

// The run token only needs to open the page once (the server keeps it in an HttpOnly cookie);
// take it out of the address bar so it is not shared by copy-paste or kept in browser history.
if (new URLSearchParams(location.search).has('token')) {
  history.replaceState(null, '', location.pathname);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
