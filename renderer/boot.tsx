import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { clerkMessage, createClient } from './api/client.js';
import { connect } from './api/connect.js';
import { AppProvider } from './state/app-context.js';
import './styles/app.css';

async function start(root: HTMLElement): Promise<void> {
  const transport = connect();
  try {
    const client = createClient(transport);
    // `?inspect` on the page's address starts in 查阅模式 (the browser's counterpart of the app's --inspect-mode).
    if (new URLSearchParams(window.location.search).has('inspect')) await client['app.setInspectMode']({ on: true });
    const initial = await client['app.state']({});
    createRoot(root).render(
      <StrictMode>
        <AppProvider transport={transport} initial={initial}>
          <App />
        </AppProvider>
      </StrictMode>,
    );
  } catch (err) {
    const box = document.createElement('div');
    box.className = 'fatal';
    box.textContent = `台账无法启动：${clerkMessage(err)}`;
    root.replaceChildren(box);
  }
}

void start(document.getElementById('root') as HTMLElement);
