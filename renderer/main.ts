// First, before any schema parses: no eval probe under the page's CSP.
import './zod-jitless.js';
import { mount } from 'svelte';
import App from './App.svelte';
import './styles/base.css';

mount(App, { target: document.getElementById('app')! });
