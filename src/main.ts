import { mount } from 'svelte';
import App from './ui/App.svelte';
import { loadECharts } from './ui/state/echarts';
import { whenIdle } from './ui/state/idle';
import './ui/global.css';

/** The single page: everything runs in this tab and its workers. */
const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
export default mount(App, { target });

// ECharts' module takes ~57 ms to evaluate (bench:ui): evaluated when the page is first idle, it
// is ready before an experiment starts instead of being one long task at the start of training.
whenIdle(() => void loadECharts(), 10_000);
