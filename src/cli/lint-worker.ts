/**
 * A worker thread of `flow-vault lint` (see parallel.ts): loads the engine, then lints the
 * files it takes from the shared counter and sends their outcomes back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from './engine';
import { lintOneFile } from './lint-file';
import { serveJobs, type StartMessage, type WorkerData } from './parallel';

const port = parentPort;
if (port) {
  const engine = createEngine();
  port.once('message', (message: StartMessage) => {
    serveJobs(workerData as WorkerData, message, (job, ctx) => lintOneFile(engine, job, ctx), (m) => port.postMessage(m));
    port.unref();
  });
}
