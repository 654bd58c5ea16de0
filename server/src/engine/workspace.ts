import type { ContainerFacts, ServiceFacts } from '../parity/facts';
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
  /**
   * For a manifest the parser could not read completely (a YAML error, such as a template's
   * `replicas: {{replicas}}`): the words of its text. Its objects may be missing or partial, so a
   * cross-file rule looking for something these words could spell stays silent rather than loud.
   */
  readonly unreadWords?: ReadonlySet<string>;
  /** For a kustomization: the files it lists as patches (absolute paths), see `engine/patches.ts`. */
  readonly patches?: readonly string[];
  /** For a `.dockerignore`: its lines, so Dockerfile rules can tell what the build context leaves out. */
  readonly lines?: readonly string[];
  /** For a manifest: its workloads' containers as environment parity compares them. */
  readonly containers?: readonly ContainerFacts[];
  /** For a Compose file: its services as environment parity compares them. */
  readonly services?: readonly ServiceFacts[];
  /** For a Dockerfile: whether it has a `HEALTHCHECK` other than `HEALTHCHECK NONE` (Compose services read it). */
  readonly healthcheck?: boolean;
}

/** Read-only queries over every indexed file of the workspace. */
export interface WorkspaceView {
  file(uri: string): IndexedFile | undefined;
  files(): Iterable<IndexedFile>;
  /** Objects of a kind (case-sensitive `kind`), optionally restricted to a namespace. */
  objectsOfKind(kind: string): readonly IndexedObject[];
  /** The files of a document kind: the same list until a file of that kind is added, changed or removed. */
  filesOfKind(kind: DocumentKind): readonly IndexedFile[];
  /** Whether a path exists on disk (or as an open document). */
  exists(path: string): boolean;
  /** Changes on every update, so derived lookups (label indexes, folder lists) can be cached. */
  readonly version?: number;
}

/** A mutable index: the server and CLI keep one and hand rules its read-only view. */
export class WorkspaceIndex implements WorkspaceView {
  private readonly byUri = new Map<string, IndexedFile>();
  private readonly paths = new Map<string, number>();
  /** Objects by kind, then by file: one edit touches only the kinds of the file it changes. */
  private readonly byKind = new Map<string, Map<string, readonly IndexedObject[]>>();
  /** Flattened `byKind` lists, rebuilt lazily for the kinds an update touched. */
  private readonly kindLists = new Map<string, readonly IndexedObject[]>();
  /** Files by document kind, and their lists (rebuilt lazily for the kinds an update touched). */
  private readonly byFileKind = new Map<DocumentKind, Map<string, IndexedFile>>();
  private readonly fileKindLists = new Map<DocumentKind, readonly IndexedFile[]>();
  private changes = 0;

  /** Bumped by every `set` and `delete`. */
  get version(): number {
    return this.changes;
  }

  constructor(private readonly existsOnDisk: (path: string) => boolean = () => false) {}

  set(file: IndexedFile): void {
    this.changes++;
    const old = this.byUri.get(file.uri);
    this.forgetPath(old);
    this.forgetKinds(old);
    this.forgetFileKind(old);
    this.byUri.set(file.uri, file);
    let sameKind = this.byFileKind.get(file.kind);
    if (!sameKind) this.byFileKind.set(file.kind, (sameKind = new Map()));
    sameKind.set(file.uri, file);
    this.fileKindLists.delete(file.kind);
    if (file.path) this.paths.set(file.path, (this.paths.get(file.path) ?? 0) + 1);
    const mine = new Map<string, IndexedObject[]>();
    for (const o of file.objects) {
      if (!o.kind) continue;
      let list = mine.get(o.kind);
      if (!list) mine.set(o.kind, (list = []));
      list.push(o);
    }
    for (const [kind, list] of mine) {
      let files = this.byKind.get(kind);
      if (!files) this.byKind.set(kind, (files = new Map()));
      files.set(file.uri, list);
      this.kindLists.delete(kind);
    }
  }

  delete(uri: string): void {
    this.changes++;
    const old = this.byUri.get(uri);
    this.forgetPath(old);
    this.forgetKinds(old);
    this.forgetFileKind(old);
    this.byUri.delete(uri);
  }

  private forgetKinds(old: IndexedFile | undefined): void {
    if (!old) return;
    for (const o of old.objects) {
      if (!o.kind) continue;
      const files = this.byKind.get(o.kind);
      if (!files?.delete(old.uri)) continue;
      if (files.size === 0) this.byKind.delete(o.kind);
      this.kindLists.delete(o.kind);
    }
  }

  private forgetFileKind(old: IndexedFile | undefined): void {
    if (!old) return;
    this.byFileKind.get(old.kind)?.delete(old.uri);
    this.fileKindLists.delete(old.kind);
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
    let list = this.kindLists.get(kind);
    if (!list) {
      const files = this.byKind.get(kind);
      if (!files) return [];
      // By URI, not by when each file was indexed: the CLI and the server index in different orders,
      // and a rule that names the first of several objects must name the same one in both.
      list = [...files.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).flatMap(([, objects]) => objects);
      this.kindLists.set(kind, list);
    }
    return list;
  }

  filesOfKind(kind: DocumentKind): readonly IndexedFile[] {
    let list = this.fileKindLists.get(kind);
    if (!list) this.fileKindLists.set(kind, (list = [...(this.byFileKind.get(kind)?.values() ?? [])]));
    return list;
  }

  exists(path: string): boolean {
    return this.paths.has(path) || this.existsOnDisk(path);
  }
}

/** An empty view, for linting a lone string. */
export const EMPTY_WORKSPACE: WorkspaceView = new WorkspaceIndex();
