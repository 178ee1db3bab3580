/** The page's entry point: connect to the engine, start the state, mount the shell. */
import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './api-client.js';
import { startState } from './state/start.js';
import './styles/base.css';

const shell = window.explorerShell;
startState(connectApi(shell !== undefined), shell);
mount(App, { target: document.getElementById('app')! });
