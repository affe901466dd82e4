/**
 * pinyin-pro, loaded when a name is first converted: its dictionaries cost every process start about a tenth of a
 * second (the command line, the app), and most starts never convert a name. Node keeps the module once loaded.
 */
import { createRequire } from 'node:module';
import type { Pinyin } from '../../../shared/name-keys';

const require = createRequire(import.meta.url);

export function loadPinyin(): Pinyin {
  return (require('pinyin-pro') as { pinyin: Pinyin }).pinyin;
}
