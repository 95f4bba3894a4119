import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/global.css';

/** The single page: everything runs in this tab and its workers. */
const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
export default mount(App, { target });
