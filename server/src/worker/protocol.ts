/**
 * Messages between the language server's request thread and its check worker. The worker owns
 * every parse of a workspace file (the index and the checks); the request thread keeps a copy of
 * the index for hovers, definitions and completion.
 */
import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import type { PackedFindings } from './pack';
import type { IndexedFile } from '../engine/workspace';
import type { EngineSettings } from '../settings';

/** What the worker is busy with: a check, indexing a file, or code actions for a document. */
export type TaskKind = 'check' | 'index' | 'actions';

/** A watched-file change as the worker needs it. */
export interface FileChange {
  readonly uri: string;
  readonly deleted: boolean;
  /** Open in the editor: the buffer, not the disk, is what the index holds. */
  readonly open: boolean;
}

/** From the request thread to the worker. */
export type ToWorker =
  | { readonly t: 'configure'; readonly roots: string[]; readonly trusted: boolean; readonly settings: EngineSettings }
  /** Builds the index of the workspace folders, leaving out open documents and files that stalled an earlier worker. */
  | { readonly t: 'index'; readonly open: string[]; readonly skip: string[] }
  | { readonly t: 'check'; readonly uri: string; readonly text: string; readonly languageId: string; readonly version: number }
  /** Quick fixes and fix-all for an open document (they parse and lint it, so they run here too). */
  | {
      readonly t: 'codeActions';
      readonly id: number;
      readonly uri: string;
      readonly text: string;
      readonly languageId: string;
      readonly version: number;
      readonly params: CodeActionParams;
    }
  /** A document was closed: the index goes back to what is on disk. */
  | { readonly t: 'close'; readonly uri: string }
  | { readonly t: 'files'; readonly changes: FileChange[] };

/** From the worker to the request thread. */
export type FromWorker =
  /** Sent before each unit of work, so a stalled worker can be blamed on its document. */
  | { readonly t: 'task'; readonly kind: TaskKind; readonly uri: string }
  | { readonly t: 'codeActions'; readonly id: number; readonly actions: CodeAction[] }
  | { readonly t: 'checked'; readonly uri: string; readonly version: number; readonly findings: PackedFindings }
  /** The index entry of the document just checked (sent after its findings). */
  | { readonly t: 'entry'; readonly entry: IndexedFile }
  | { readonly t: 'indexed'; readonly set: IndexedFile[]; readonly deleted: string[] }
  | { readonly t: 'indexDone'; readonly files: number }
  /** Between two units of work: nothing is running. */
  | { readonly t: 'idle' }
  | { readonly t: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };
