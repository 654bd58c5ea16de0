import type { DocumentKind, Range } from './types';

/** What the index keeps of one Kubernetes object (enough for cross-file rules). */
export interface IndexedObject {
  readonly uri: string;
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  /** The object as plain data (may be undefined for unsafe inputs). */
  readonly value: Record<string, unknown> | undefined;
  readonly range: Range;
}

/** What the index keeps of one file. */
export interface IndexedFile {
  readonly uri: string;
  readonly path: string | undefined;
  readonly kind: DocumentKind;
  readonly chartRoot: string | undefined;
  readonly objects: readonly IndexedObject[];
}

/** Read-only queries over every indexed file of the workspace. */
export interface WorkspaceView {
  file(uri: string): IndexedFile | undefined;
  files(): Iterable<IndexedFile>;
  /** Objects of a kind (case-sensitive `kind`), optionally restricted to a namespace. */
  objectsOfKind(kind: string): readonly IndexedObject[];
  /** Whether a path exists on disk (or as an open document). */
  exists(path: string): boolean;
}

/** A mutable index: the server and CLI keep one and hand rules its read-only view. */
export class WorkspaceIndex implements WorkspaceView {
  private readonly byUri = new Map<string, IndexedFile>();
  private readonly paths = new Map<string, number>();
  private byKind: Map<string, IndexedObject[]> | undefined;

  constructor(private readonly existsOnDisk: (path: string) => boolean = () => false) {}

  set(file: IndexedFile): void {
    this.forgetPath(this.byUri.get(file.uri));
    this.byUri.set(file.uri, file);
    if (file.path) this.paths.set(file.path, (this.paths.get(file.path) ?? 0) + 1);
    this.byKind = undefined;
  }

  delete(uri: string): void {
    this.forgetPath(this.byUri.get(uri));
    if (this.byUri.delete(uri)) this.byKind = undefined;
  }

  private forgetPath(old: IndexedFile | undefined): void {
    if (!old?.path) return;
    const n = (this.paths.get(old.path) ?? 1) - 1;
    if (n <= 0) this.paths.delete(old.path);
    else this.paths.set(old.path, n);
  }

  get size(): number {
    return this.byUri.size;
  }

  file(uri: string): IndexedFile | undefined {
    return this.byUri.get(uri);
  }

  files(): Iterable<IndexedFile> {
    return this.byUri.values();
  }

  objectsOfKind(kind: string): readonly IndexedObject[] {
    if (!this.byKind) {
      const m = new Map<string, IndexedObject[]>();
      for (const f of this.byUri.values()) {
        for (const o of f.objects) {
          if (!o.kind) continue;
          let list = m.get(o.kind);
          if (!list) m.set(o.kind, (list = []));
          list.push(o);
        }
      }
      this.byKind = m;
    }
    return this.byKind.get(kind) ?? [];
  }

  exists(path: string): boolean {
    return this.paths.has(path) || this.existsOnDisk(path);
  }
}

/** An empty view, for linting a lone string. */
export const EMPTY_WORKSPACE: WorkspaceView = new WorkspaceIndex();
