import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createRenderer } from './app/providers';
import { readCspNonce } from './lib/csp-nonce';
import { initI18n, initialLanguage, isLanguage, languageTags } from './lib/i18n';
import './styles/global.css';

const fromUrl = window.location.pathname.split('/')[1];
const lang = isLanguage(fromUrl) ? fromUrl : initialLanguage();
document.documentElement.lang = languageTags[lang];

await initI18n(lang);

const renderer = createRenderer(readCspNonce());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App renderer={renderer} />
  </StrictMode>,
);
