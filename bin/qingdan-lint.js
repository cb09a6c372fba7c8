#!/usr/bin/env node
import { runAsProcess } from '../dist/cli.js';

runAsProcess(process.argv.slice(2));
