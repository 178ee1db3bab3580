/** The page's entry point: connect to the engine, start the state, mount the shell. */
// First, before any schema parses: no eval probe under the page's CSP.
import './zod-jitless.js';
import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './api-client.js';
import { startState } from './state/start.js';
import './styles/base.css';

const shell = window.explorerShell;
startState(connectApi(shell !== undefined), shell);
mount(App, { target: document.getElementById('app')! });
