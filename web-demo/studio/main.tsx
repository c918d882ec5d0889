import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { loadOptions } from './config.js';

const root = createRoot(document.getElementById('root')!);
loadOptions().then(
  (options) => root.render(<StrictMode><App options={options} /></StrictMode>),
  (e: Error) => root.render(<p className="error" data-testid="config-error">{e.message}</p>),
);
