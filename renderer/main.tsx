import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { isRunTokenMissing } from './bridge';
import { reloadWhenTokenArrives } from './bridge/run-token';
import './styles/app.css';
import './styles/controls.css';

const runTokenMissing = isRunTokenMissing();
if (runTokenMissing) reloadWhenTokenArrives();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {runTokenMissing ? (
      <p className="token-missing" data-testid="token-missing">
        Open the full address Push Console printed (it ends with #token=…); this one lacks the run token.
      </p>
    ) : (
      <App />
    )}
  </StrictMode>,
);
