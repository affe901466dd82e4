/** The books channels' handlers (the contract's `shared/contract/books.ts`; dispatch applies its declarations around them). */
import type { booksChannels } from '../../../shared/contract/books';
import { type ChannelHandlers } from '../trust/caller';
import { handOver, listHandovers, previewHandover, undoHandover } from './handovers';
import { cancelAway, markAway, readBookCover, setBackup } from './cover';

export const booksHandlers: ChannelHandlers<typeof booksChannels> = {
  'books.handoverPreview': async (ctx, input) => previewHandover(ctx, input),
  'books.handover': async (ctx, input) => handOver(ctx, input),
  'books.handovers': async (ctx) => listHandovers(ctx),
  'books.undoHandover': async (ctx, input) => undoHandover(ctx, input),
  'books.cover': async (ctx) => readBookCover(ctx),
  'books.setBackup': async (ctx, input) => setBackup(ctx, input),
  'books.markAway': async (ctx, input) => markAway(ctx, input),
  'books.cancelAway': async (ctx, input) => cancelAway(ctx, input),
};
