// lede-analyzer's worker for analyzeAsync (index.js): a second instance of the module, made from
// the compiled module that the page or process sends first, which finds the entities of each text
// it is sent while the first instance analyzes the rest. Runs as a Node worker thread or a module
// Web Worker.
import { initSync, entityColumns } from './lede.js';

const inNode = typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';
const port = inNode ? (await import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:worker_threads')).parentPort : self;

function reply(message, transfer) {
  port.postMessage(message, transfer);
}

function onMessage(data) {
  if (data.module) {
    initSync({ module: data.module });
    return;
  }
  try {
    const [ints, names] = entityColumns(data.text);
    reply({ id: data.id, ints, names }, [ints.buffer]);
  } catch (e) {
    reply({ id: data.id, error: e instanceof Error ? e.message : String(e) });
  }
}

if (inNode) port.on('message', onMessage);
else port.addEventListener('message', (event) => onMessage(event.data));
