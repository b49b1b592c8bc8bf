import '@/components/theme.css';
import { render } from 'preact';
import { uiLocale } from '@/components/i18n';
import { App } from './App';

document.documentElement.lang = uiLocale();
render(<App />, document.getElementById('app')!);
