#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `taizhang` works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../electron/cli/cli.ts', import.meta.url).href);
