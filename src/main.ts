import { mount } from 'svelte';
import App from './ui/App.svelte';
import { warmECharts } from './ui/state/echarts-warm';
import { whenIdle } from './ui/state/idle';
import './ui/global.css';

/** The single page: everything runs in this tab and its workers. */
const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
export default mount(App, { target });

// ECharts' module takes ~57 ms to evaluate (bench:ui) and its first chart ~70 ms to draw: loaded
// when the page is first idle and warmed up in idle steps (echarts-warm.ts), both are done before
// an experiment starts instead of being long tasks at the start of training.
whenIdle(() => void warmECharts(), 10_000);
