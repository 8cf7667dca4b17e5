import { render } from 'preact';
import { App } from './components/App';
import { readShell } from './shell';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  render(<App shell={readShell(root)} />, root);
}
