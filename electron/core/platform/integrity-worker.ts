import { parentPort, workerData } from 'node:worker_threads';
import { checkDatabaseFile } from './integrity';

/** The database file's check, off the main thread: the first screens read meanwhile. Posts the `FileCheck`. */
const { file, key } = workerData as { file: string; key: string | null };
parentPort?.postMessage(checkDatabaseFile(file, key));
