import {
  Document,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import { lineOfOffset } from '../engine/text';

/**
 * A fast reader for the plain block YAML that most manifests are written in: block mappings and
 * sequences, plain scalars (folded over lines), one-line quoted scalars, literal and folded block
 * scalars, `{}`, one-line flow sequences of scalars, comments and `---` separators. It builds the
 * same `yaml` nodes, with the same ranges, values, types, tags, comments and blank-line marks, that
 * `parseAllDocuments` builds for that text, in about a sixth of the time (the library lexes, builds
 * a concrete syntax tree and composes it).
 *
 * An entry of a mapping that it does not understand (flow mappings with content and nested flow
 * collections, tags, escapes, comments in places where the library's choice of owner depends on
 * more than the next line, anything the library reports as an error, such as a line broken while
 * typing) it has the library parse alone, where it can check that the result is the library's for
 * the whole text (see `libraryEntry`); that entry's errors are the document's. It returns
 * `undefined` for any text it cannot read so (tabs, whitespace-only lines, anchors, directives,
 * empty documents, duplicate keys, an error whose effects reach beyond the entry), and the caller
 * parses that text with the library. A differential test holds the two parsers to the same result
 * on the fixtures, the corpus and seeded edits and keystrokes of them.
 */
export function parseBlockYaml(text: string, options: ParseOptions & DocumentOptions & SchemaOptions): Document.Parsed[] | undefined {
  if (UNSUPPORTED_TEXT.test(text)) return undefined;
  try {
    return new BlockReader(text, options).documents();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/** Characters and line starts outside the subset: tabs, CR, control and special Unicode characters (surrogate pairs among them), directives and `...`. */
const UNSUPPORTED_TEXT = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]|^(?:%|\.\.\.)/m;

/** Thrown (and caught in `parseBlockYaml`) to hand the text to the library. */
const BAIL = Symbol('bail');

function bail(): never {
  throw BAIL;
}

const enum Kind {
  Blank,
  Comment,
  Content,
  Marker,
}

/** The first characters of the plain scalars that the core schema reads as null, bool, int or float (or ''). */
const CORE_TYPED_START = new Set([...'~nNtTfF0123456789+-.'].map((c) => c.charCodeAt(0)));

const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const MAX_DEPTH = 200;
/** Parses of entries by the library that one document may waste before the library parses the whole text. */
const MAX_FAILED_LIBRARY_PARSES = 2;

/** Plain scalars cannot start with these: `-?:,[]{}#&*!|>'"%@` and backtick (quotes are read apart). */
const INDICATOR = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

type Tag = {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (m: string) => void, options: unknown) => unknown;
};

class BlockReader {
  /** Per line: start offset, end offset (before the line break), indentation, kind. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  private readonly kinds: Kind[] = [];
  /** What the lines before the line `following` last returned give the node there: a comment and a blank line. */
  private gapComment = '';
  private gapSpace = false;
  /** Comment lines after a block, more indented than the next line, waiting for the collection they close (see `following`). */
  private trailing = '';
  private trailingIndent = -1;
  private trailingEnd = 0;
  /** The first line after the current document. */
  private limit = 0;
  private tags: Tag[] = [];
  private stringTag: Tag | undefined;
  /** Whether the schema is YAML 1.2's core schema alone, whose typed scalars start with `CORE_TYPED_START`. */
  private core = false;
  private doc: Document.Parsed | undefined;
  /** How many parses of entries of the current document by the library went for nothing. */
  private failedLibraryParses = 0;
  /** Where the keys and the `-` of the entries and items that hold the collection being read stand, outermost first. */
  private path: number[] = [];

  constructor(
    private readonly text: string,
    private readonly options: ParseOptions & DocumentOptions & SchemaOptions,
  ) {
    let start = 0;
    // The empty line after a final line break is no line.
    while (start < text.length || (start === 0 && text.length === 0)) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let i = start;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      const indent = i - start;
      let kind: Kind;
      if (i === end) {
        // Where the library puts the spaces of a whitespace-only line depends on what follows.
        if (indent > 0) bail();
        kind = Kind.Blank;
      } else if (text.charCodeAt(i) === HASH) kind = Kind.Comment;
      else if (indent === 0 && text.startsWith('---', start) && (end === start + 3 || text.charCodeAt(start + 3) === SPACE)) {
        if (text.slice(start + 3, end).trim() !== '') bail();
        kind = Kind.Marker;
      } else kind = Kind.Content;
      this.starts.push(start);
      this.ends.push(end);
      this.indents.push(indent);
      this.kinds.push(kind);
      if (end === text.length) break;
      start = end + 1;
    }
  }

  documents(): Document.Parsed[] {
    const docs: Document.Parsed[] = [];
    const count = this.kinds.length;
    let line = 0;
    let marker = -1;
    while (line < count) {
      let limit = line;
      while (limit < count && this.kinds[limit] !== Kind.Marker) limit++;
      const first = this.nextContent(line, limit);
      if (first < 0) {
        // Comments and blank lines alone: before the first `---` they belong to no document; after one they make an empty document.
        if (marker >= 0 || docs.length > 0) bail();
      } else docs.push(this.document(marker, first, limit, docs.length === 0));
      if (limit >= count) break;
      marker = limit;
      line = limit + 1;
      // A `---` as the last line opens an empty document.
      if (line >= count) bail();
    }
    return docs;
  }

  private document(marker: number, first: number, limit: number, isFirst: boolean): Document.Parsed {
    this.limit = limit;
    const doc = new Document(undefined, this.options) as unknown as Document.Parsed;
    this.doc = doc;
    this.path = [];
    this.failedLibraryParses = 0;
    const schema = doc.schema as unknown as { tags: Tag[]; [key: symbol]: Tag };
    this.tags = schema.tags;
    this.core = (doc.schema as unknown as { name: string }).name === 'core' && !this.options.customTags;
    this.stringTag = schema[Symbol.for('yaml.scalar')];
    // Comments before the document (the first one only) go to the document or its first key, as the
    // library's `Composer.decorate` places them.
    let prelude: { comment: string; afterEmptyLine: boolean } | undefined;
    let space = false;
    let startComment = '';
    if (marker < 0) prelude = this.prelude(0, first);
    else {
      if (isFirst) prelude = this.prelude(0, marker);
      // Between the `---` and the content, comments and blank lines go to the content as before a key.
      this.gap(marker + 1, first);
      startComment = this.gapComment;
      space = this.gapSpace;
    }
    const [contents, next] = this.block(first, this.indents[first]!, 0);
    if (next < limit || this.trailing) bail();
    const contentEnd = contents.range![2];
    // Comments after the content are the document's, when it is the last one and they are not indented.
    // (Comment lines that a collection took up to the end of the text are not after it.)
    const afterLine = contentEnd >= this.text.length ? this.kinds.length : lineOfOffset(this.starts, contentEnd);
    const after = this.prelude(afterLine, limit);
    if (after.comment) {
      if (limit < this.kinds.length) bail();
      for (let i = afterLine; i < limit; i++) if (this.kinds[i] === Kind.Comment && this.indents[i] !== 0) bail();
      doc.comment = after.comment;
    }
    // After an empty value the line break is not the document's.
    const end =
      this.text.charCodeAt(contentEnd - 1) !== 0x0a ? contentEnd : limit < this.kinds.length ? this.starts[limit]! : this.text.length;
    if (space) contents.spaceBefore = true;
    if (startComment) contents.commentBefore = startComment;
    doc.contents = contents as Document.Parsed['contents'];
    doc.range = [marker >= 0 ? this.starts[marker]! : this.starts[first]!, contentEnd, end];
    if (marker >= 0) doc.directives.docStart = true;
    if (prelude?.comment) {
      if (prelude.afterEmptyLine || marker >= 0) doc.commentBefore = prelude.comment;
      else {
        const item = contents.items[0];
        const target = (item instanceof Pair ? item.key : item) as Scalar | YAMLMap | YAMLSeq;
        target.commentBefore = target.commentBefore ? `${prelude.comment}\n${target.commentBefore}` : prelude.comment;
      }
    }
    return doc;
  }

  /** Comments in the lines [from, to) joined as the library's `parsePrelude` joins them. */
  private prelude(from: number, to: number): { comment: string; afterEmptyLine: boolean } {
    let comment = '';
    let afterEmptyLine = false;
    for (let i = from; i < to; i++) {
      if (this.kinds[i] === Kind.Comment) {
        comment += (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') + this.commentText(i);
        afterEmptyLine = false;
      } else if (this.kinds[i] === Kind.Blank) afterEmptyLine = true;
    }
    return { comment, afterEmptyLine };
  }

  /** The text of comment line `line` after its `#` (a lone `#` gives a space, as in the library). */
  private commentText(line: number): string {
    return this.text.slice(this.starts[line]! + this.indents[line]! + 1, this.ends[line]) || ' ';
  }

  /** The first content line in [from, to), or -1. */
  private nextContent(from: number, to: number): number {
    for (let i = from; i < to; i++) if (this.kinds[i] === Kind.Content) return i;
    return -1;
  }

  /**
   * The next content line of the document after `line`. The comment lines before it stand at its
   * indentation, and with the blank lines give the node there its `commentBefore` and
   * `spaceBefore`, as the library's `resolveProps` does; or they come right after a block, more
   * indented, and are kept for the collection they close (`trailing`). Any other placement bails.
   */
  private following(line: number): number {
    if (this.trailing) bail();
    let next = line + 1;
    while (next < this.limit && this.kinds[next] !== Kind.Content) next++;
    const nextIndent = next < this.limit ? this.indents[next]! : 0;
    let j = line + 1;
    if (j < next && this.kinds[j] === Kind.Comment && this.indents[j]! > nextIndent) {
      // Comment lines right after a block, starting at the column of a collection that ends there,
      // are that collection's (up to a blank line, which the reader leaves to the library), and its
      // node ends where the next begins.
      this.trailingIndent = this.indents[j]!;
      this.trailing = this.commentText(j);
      for (j++; j < next && this.kinds[j] === Kind.Comment; j++) this.trailing += `\n${this.commentText(j)}`;
      if (j < next) bail();
      const last = this.ends[j - 1]!;
      this.trailingEnd = next < this.limit ? this.starts[next]! + nextIndent : last < this.text.length ? last + 1 : last;
    }
    this.gap(j, next, nextIndent);
    return next;
  }

  /**
   * Sets `gapComment` and `gapSpace` from the comment and blank lines [from, to), joined as the
   * library's `resolveProps` joins them; with `indent`, a comment line at any other indentation bails.
   */
  private gap(from: number, to: number, indent?: number): void {
    let comment = '';
    let space = false;
    for (let j = from; j < to; j++) {
      if (this.kinds[j] === Kind.Comment) {
        if (indent !== undefined && this.indents[j] !== indent) bail();
        comment = comment ? `${comment}\n${this.commentText(j)}` : this.commentText(j);
      } else if (comment) comment += '\n';
      else space = true;
    }
    this.gapComment = comment;
    this.gapSpace = space;
  }

  /** Gives a collection at `column` that ends here the comments `following` kept for it; returns the end of its node. */
  private takeTrailing(node: YAMLMap | YAMLSeq, column: number, end: number): number {
    if (!this.trailing || this.trailingIndent !== column) return end;
    node.comment = this.trailing;
    this.trailing = '';
    return this.trailingEnd;
  }

  /** Gives `node` the comment and blank line that `following` found before it. */
  private decorate(node: Scalar | YAMLMap | YAMLSeq): void {
    if (this.gapSpace) node.spaceBefore = true;
    if (this.gapComment) node.commentBefore = this.gapComment;
  }

  /** A block collection starting at (`line`, `column`); returns it and the first line after it. */
  private block(line: number, column: number, depth: number): [YAMLMap | YAMLSeq, number] {
    if (depth > MAX_DEPTH) bail();
    const at = this.starts[line]! + column;
    if (this.isSeqItem(at)) return this.seq(line, column, depth);
    if (this.keyEnd(at, this.ends[line]!) < 0) bail();
    return this.map(line, column, depth);
  }

  private isSeqItem(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const c = this.text.charCodeAt(at + 1);
    return c === SPACE || at + 1 === this.text.length || c === 0x0a;
  }

  private map(line: number, column: number, depth: number): [YAMLMap, number] {
    const map = new YAMLMap(this.doc!.schema);
    const start = this.starts[line]! + column;
    let keys: Set<unknown> | undefined;
    let end = start;
    for (;;) {
      const first = line;
      // The reader's state before the entry, for the library's parse of it when the reader bails.
      const gap = {
        comment: this.gapComment,
        space: this.gapSpace,
        trailing: this.trailing,
        trailingIndent: this.trailingIndent,
        trailingEnd: this.trailingEnd,
      };
      const errors = this.doc!.errors.length;
      const path = this.path.length;
      let pairs: Pair<Scalar, Scalar | YAMLMap | YAMLSeq>[];
      try {
        let pair: Pair<Scalar, Scalar | YAMLMap | YAMLSeq>;
        [pair, line] = this.entry(line, column, depth, map.items.length > 0);
        pairs = [pair];
      } catch (e) {
        if (e !== BAIL) throw e;
        // Errors of entries below this one that the library read are read again with it.
        this.doc!.errors.length = errors;
        this.path.length = path;
        ({
          comment: this.gapComment,
          space: this.gapSpace,
          trailing: this.trailing,
          trailingIndent: this.trailingIndent,
          trailingEnd: this.trailingEnd,
        } = gap);
        [pairs, line] = this.libraryEntry(first, column, map.items.length > 0);
      }
      for (const pair of pairs) {
        // Duplicate keys are an error: a scan while the mapping is small, a set beyond that.
        const key = pair.key.value;
        if (keys) {
          if (keys.has(key)) bail();
          keys.add(key);
        } else {
          for (const other of map.items) if ((other.key as Scalar).value === key) bail();
          if (map.items.length >= 16) keys = new Set(map.items.map((other) => (other.key as Scalar).value).concat(key));
        }
        map.items.push(pair);
        end = pair.value!.range![2];
      }
      if (line >= this.limit || this.indents[line]! < column) break;
    }
    map.range = [start, end, this.takeTrailing(map, column, end)];
    return [map, line];
  }

  /**
   * The entry of a mapping at `column` whose key is on `line`; returns it and the next content line,
   * which must be the next key of the mapping or lie before its column.
   */
  private entry(line: number, column: number, depth: number, decorate: boolean): [Pair<Scalar, Scalar | YAMLMap | YAMLSeq>, number] {
    const keyStart = this.starts[line]! + column;
    const colon = this.keyEnd(keyStart, this.ends[line]!);
    if (colon < 0) bail();
    const key = this.keyScalar(keyStart, colon);
    if (decorate) this.decorate(key);
    this.path.push(keyStart);
    const [value, next] = this.value(line, colon + 1, column, true, depth);
    this.path.pop();
    if (next < this.limit && (this.underKey(next, column) || (this.indents[next] === column && this.trailing))) bail();
    return [new Pair(key, value), next];
  }

  /** Whether content line `line` belongs under a key at `column`: more indented, or an item of a sequence at the key's column. */
  private underKey(line: number, column: number): boolean {
    const indent = this.indents[line]!;
    return indent > column || (indent === column && this.isSeqItem(this.starts[line]! + indent));
  }

  /**
   * The entry of a mapping at `column` whose key is on `line`, parsed by the library: the lines of
   * the entry (its key line and the more indented lines and sequence items after it), after the
   * lines of the keys and `-` that hold it and before the next line of the document, alone. A
   * keystroke that breaks the YAML leaves the rest of the document to the reader, and the library's
   * messages and ranges for the broken entry are those of a parse of the whole text: in block YAML
   * the earlier entries of the collections around it do not change how the library reads it, and
   * the next line, when the library reads it as the key it is where it stands, shows that the entry
   * did not run on into it (an open quote or bracket, a stray `]`). Bails where that does not hold
   * or cannot be checked: anchors and aliases, a key line or a next line that is not a key, comments
   * that the entry leaves to the collections it closes.
   */
  private libraryEntry(line: number, column: number, decorate: boolean): [Pair<Scalar, Scalar | YAMLMap | YAMLSeq>[], number] {
    // An entry that fails a check below is left to the entry around it, which parses its lines
    // again; past a few, the library parses the whole text.
    if (this.trailing || this.failedLibraryParses >= MAX_FAILED_LIBRARY_PARSES) bail();
    const from = this.starts[line]!;
    const keyAt = from + column;
    // The key is at the line's indentation, or after the `- ` of the sequence item the mapping opens
    // (that item's `-` is on the entry's own line, not among the holders).
    if (this.indents[line]! < column && !/^ *- +$/.test(this.text.slice(from, keyAt))) bail();
    const holders = this.path.filter((at) => at < from);
    // A line that is no key of the reader's may be read as part of what comes before it.
    const colon = this.keyEnd(keyAt, this.ends[line]!);
    if (colon < 0) bail();
    const expected = this.keyScalar(keyAt, colon);
    let last = line;
    let next = line + 1;
    for (; next < this.limit; next++) {
      if (this.kinds[next] !== Kind.Content) continue;
      if (this.underKey(next, column)) last = next;
      else break;
    }
    // The next line must be a key (after its `-` when it opens an item): where the library reads it.
    let nextAt = -1;
    let nextColon = -1;
    const nextColumn = next < this.limit ? this.indents[next]! : -1;
    const nextIsItem = next < this.limit && this.isSeqItem(this.starts[next]! + nextColumn);
    if (next < this.limit) {
      nextAt = this.starts[next]! + nextColumn;
      if (nextIsItem) nextAt = this.skipSpaces(nextAt + 1, this.ends[next]!);
      nextColon = this.keyEnd(nextAt, this.ends[next]!);
      if (nextColon < 0) bail();
    } else {
      // Comments after the last line of an entry that ends the document go to the library's document or its last node.
      for (let i = last + 1; i < this.limit; i++) if (this.kinds[i] === Kind.Comment) bail();
    }
    const to =
      next < this.limit
        ? Math.min(this.ends[next]! + 1, this.text.length)
        : this.limit < this.kinds.length
          ? this.starts[this.limit]!
          : this.text.length;
    // The lines of the holders, and where each holder stands in them and in its line.
    let prefix = '';
    const holderAt: number[] = [];
    const holderColumn: number[] = [];
    for (const holder of holders) {
      const holderLine = lineOfOffset(this.starts, holder);
      holderColumn.push(holder - this.starts[holderLine]!);
      holderAt.push(prefix.length + holderColumn.at(-1)!);
      prefix += `${this.text.slice(this.starts[holderLine]!, this.ends[holderLine])}\n`;
    }
    const source = prefix + this.text.slice(from, to);
    // An alias may name an anchor outside the lines.
    if (/[&*]/.test(source)) bail();
    this.failedLibraryParses++;
    const doc = withoutStackTraces(() => parseDocument(source, this.options));
    if (doc.warnings.length) bail();
    // The text from `from` on stands `shift` further than in `source`.
    const shift = from - prefix.length;
    const at = (offset: number): number => offset - shift;
    // The collections down to the entry, with the index of the holder's item (or the entry) and their column.
    const levels: { items: readonly unknown[]; index: number; column: number; seq: boolean }[] = [];
    // Down the holders to the mapping of the entry: at each level, the holder's item is the last
    // one that starts at or before the next holder (the next line may be a later item).
    let collection: unknown = doc.contents;
    for (const [i, holder] of holders.entries()) {
      const target = i + 1 < holders.length ? holderAt[i + 1]! : at(keyAt);
      if (!isMap(collection) && !isSeq(collection)) bail();
      let index = -1;
      collection.items.forEach((candidate, k) => {
        if (itemStart(candidate) <= target) index = k;
      });
      const item: unknown = collection.items[index];
      levels.push({ items: collection.items, index, column: holderColumn[i]!, seq: isSeq(collection) });
      if (this.isSeqItem(holder)) {
        if (!isSeq(collection) || itemStart(item) < holderAt[i]!) bail();
        collection = item;
      } else {
        if (!isMap(collection) || !isPair(item) || itemStart(item) !== holderAt[i]) bail();
        collection = item.value;
      }
    }
    if (!isMap(collection)) bail();
    const index = collection.items.findIndex((item) => itemStart(item) === at(keyAt));
    const pair = collection.items[index];
    if (!isPair(pair)) bail();
    // After the holders' items, the collections hold nothing but the next line's item, in the
    // collection at its column; after the entry, its mapping may also hold keys that the library
    // read in the entry's broken lines (a line indented by one space too many ends the entry).
    for (const level of levels) {
      const after = level.items.length - 1 - level.index;
      const here = level.column === nextColumn && level.seq === nextIsItem;
      if (here ? after !== 1 || itemStart(level.items[level.index + 1]) !== at(nextAt) : after !== 0) bail();
    }
    const pairs = collection.items.slice(index) as Pair[];
    if (nextColumn === column) {
      if (pairs.length < 2 || itemStart(pairs.at(-1)) !== at(nextAt)) bail();
      pairs.pop();
    }
    // The entry and the keys after it: scalar keys over values with ranges.
    for (const item of pairs)
      if (!isScalar(item.key) || !(isScalar(item.value) || isMap(item.value) || isSeq(item.value)) || !item.value.range) bail();
    const key = pair.key;
    if (!isScalar(key) || key.value !== expected.value || key.range?.[0] !== at(keyAt) || key.range[2] !== at(colon)) bail();
    // The next line's key, read where it stands.
    let nextKey: Scalar | undefined;
    if (next < this.limit) {
      nextKey = findKey(doc.contents, at(nextAt));
      if (!nextKey || nextKey.range![2] !== at(nextColon)) bail();
    }
    const entryEnd = next < this.limit ? at(this.starts[next]!) : source.length;
    // What follows the document (a `---`, the end of the text) decides the errors at its end.
    for (const e of doc.errors) if (e.pos[0] < prefix.length || e.pos[1] > entryEnd || (!nextKey && e.pos[1] >= entryEnd)) bail();
    // An entry that ends the document must be read to its last line (after an error, and after a
    // `?` line, the library may leave the rest out of every node), and with an error, to the end.
    const valueEnd = (pairs.at(-1)!.value as Scalar | YAMLMap | YAMLSeq).range![2];
    if (!nextKey && (valueEnd < at(this.ends[last]!) || doc.range[2] !== source.length || (doc.errors.length && doc.range[1] !== valueEnd)))
      bail();
    for (const item of pairs) shiftRanges(item, shift);
    for (const e of doc.errors) {
      e.pos = [e.pos[0] + shift, e.pos[1] + shift];
      this.doc!.errors.push(e);
    }
    if (decorate) this.decorate(key);
    this.following(last);
    // The comment and blank lines before the next key give it what the library gives it after this
    // entry, and none of them is left for a collection the entry closes.
    if (this.trailing) bail();
    if (nextKey && (Boolean(nextKey.spaceBefore) !== this.gapSpace || (nextKey.commentBefore ?? '') !== this.gapComment)) bail();
    this.failedLibraryParses--;
    return [pairs as Pair<Scalar, Scalar | YAMLMap | YAMLSeq>[], next];
  }

  private seq(line: number, column: number, depth: number): [YAMLSeq, number] {
    const seq = new YAMLSeq(this.doc!.schema);
    const start = this.starts[line]! + column;
    let end: number;
    for (;;) {
      const dash = this.starts[line]! + column;
      const comment = this.gapComment;
      const space = this.gapSpace;
      let value: Scalar | YAMLMap | YAMLSeq;
      const after = this.skipSpaces(dash + 1, this.ends[line]!);
      if (after < this.ends[line]! && this.text.charCodeAt(after) !== HASH && this.keyEnd(after, this.ends[line]!) >= 0) {
        this.path.push(dash);
        [value, line] = this.map(line, after - this.starts[line]!, depth + 1);
        this.path.pop();
      } else {
        if (this.isSeqItem(after)) bail();
        this.path.push(dash);
        [value, line] = this.value(line, dash + 1, column, false, depth);
        this.path.pop();
      }
      if (seq.items.length > 0) {
        if (space) value.spaceBefore = true;
        // After a comment line, the library ends an empty item after its line break.
        if (comment && isScalar(value) && value.source === '') bail();
        if (comment) value.commentBefore = comment;
      }
      seq.items.push(value);
      end = value.range![2];
      if (line >= this.limit) break;
      const indent = this.indents[line]!;
      if (indent < column) break;
      if (indent > column || this.trailing) bail();
      if (!this.isSeqItem(this.starts[line]! + indent)) {
        // Comments between a sequence and a key at its own column are the sequence's.
        if (this.gapComment) bail();
        break;
      }
    }
    seq.range = [start, end, this.takeTrailing(seq, column, end)];
    return [seq, line];
  }

  /**
   * The value after a `:` or `-` at `from` on `line`, in a collection at `column`; returns it and
   * the first content line after it. In a mapping, a sequence may stand at the mapping's own column.
   */
  private value(line: number, from: number, column: number, inMap: boolean, depth: number): [Scalar | YAMLMap | YAMLSeq, number] {
    let lineEnd = this.ends[line]!;
    const at = this.skipSpaces(from, lineEnd);
    const c = this.text.charCodeAt(at);
    if (at === lineEnd || c === HASH) {
      // A comment after the indicator goes to the value's properties: left to the library.
      if (c === HASH) bail();
      const next = this.following(line);
      if (next < this.limit) {
        const indent = this.indents[next]!;
        if (inMap ? this.underKey(next, column) : indent > column) {
          // Comment lines between the key and its block are the block's.
          const comment = this.gapComment;
          const space = this.gapSpace;
          const [block, after] = this.block(next, indent, depth + 1);
          if (space && inMap) block.spaceBefore = true;
          if (comment) block.commentBefore = comment;
          return [block, after];
        }
      }
      // Comments after an empty value are the value's.
      if (this.gapComment || this.trailing) bail();
      const empty = this.scalar('', Scalar.PLAIN, [at, at, at], false);
      // Blank lines after it mark the next key when one follows in the same mapping; when the
      // mapping ends there they mark the value (though not at the end of a document's top level
      // mapping before a `---`); in a sequence they mark nothing.
      if (inMap && next < this.limit && this.indents[next] === column) return [empty, next];
      const beforeMarker = next >= this.limit && column === 0 && this.limit < this.kinds.length;
      if (this.gapSpace && inMap && !beforeMarker) empty.spaceBefore = true;
      this.gapSpace = false;
      return [empty, next];
    }
    let scalar: Scalar | YAMLMap | YAMLSeq;
    let valueEnd: number;
    if (c === 0x7c || c === 0x3e) return this.blockScalar(line, at, column);
    if (c === 0x22 || c === 0x27) {
      valueEnd = this.quotedEnd(at, lineEnd);
      scalar = this.quoted(at, valueEnd);
    } else if (c === 0x7b && this.text.charCodeAt(at + 1) === 0x7d) {
      valueEnd = at + 2;
      scalar = new YAMLMap(this.doc!.schema);
      scalar.flow = true;
    } else if (c === 0x5b) {
      [scalar, valueEnd] = this.flowSeq(at, lineEnd);
    } else {
      if (INDICATOR.has(c)) {
        const n = this.text.charCodeAt(at + 1);
        // `-x`, `?x` and `:x` are plain scalars; the other indicators are not read here.
        if (!((c === DASH || c === 0x3f || c === COLON) && n !== SPACE && at + 1 < lineEnd)) bail();
      }
      valueEnd = this.plainEnd(at, lineEnd);
      let source = this.text.slice(at, valueEnd);
      if (source.includes(': ') || source.endsWith(':')) bail();
      // A plain scalar goes on over the more indented lines that follow it, folded into one line.
      if (valueEnd === this.trimmedEnd(at, lineEnd)) {
        while (line + 1 < this.limit && this.kinds[line + 1] === Kind.Content && this.indents[line + 1]! > column) {
          line++;
          const from = this.starts[line]! + this.indents[line]!;
          lineEnd = this.ends[line]!;
          const end = this.trimmedEnd(from, lineEnd);
          const part = this.text.slice(from, end);
          if (INDICATOR.has(part.charCodeAt(0)) || part.includes(': ') || part.endsWith(':') || part.includes(' #')) bail();
          source += ` ${part}`;
          valueEnd = end;
        }
      }
      scalar = this.scalar(source, Scalar.PLAIN, [at, valueEnd, 0], false);
    }
    const comment = this.trailingComment(valueEnd, lineEnd);
    if (comment) scalar.comment = comment;
    const next = this.following(line);
    const nodeEnd = lineEnd < this.text.length ? lineEnd + 1 : lineEnd;
    if (next < this.limit && this.indents[next]! > column) bail();
    scalar.range = [at, valueEnd, nodeEnd];
    return [scalar, next];
  }

  /**
   * A one-line flow sequence of plain and quoted scalars at `at` (`[a, "b", 'c']`); returns it and
   * the offset after its `]`. Each item's node ends after the spaces that follow it.
   */
  private flowSeq(at: number, lineEnd: number): [YAMLSeq, number] {
    const text = this.text;
    const seq = new YAMLSeq(this.doc!.schema);
    seq.flow = true;
    let i = this.skipSpaces(at + 1, lineEnd);
    while (text.charCodeAt(i) !== 0x5d) {
      if (i >= lineEnd) bail();
      const c = text.charCodeAt(i);
      let item: Scalar;
      let end: number;
      if (c === 0x22 || c === 0x27) {
        end = this.quotedEnd(i, lineEnd);
        item = this.quoted(i, end);
      } else {
        if (INDICATOR.has(c)) bail();
        end = i;
        while (end < lineEnd) {
          const ch = text.charCodeAt(end);
          if (ch === 0x2c || ch === 0x5d) break;
          // `:` would make a pair, `#` after a space a comment, brackets and braces nested collections.
          if (ch === COLON || ch === 0x5b || ch === 0x7b || ch === 0x7d || (ch === HASH && text.charCodeAt(end - 1) === SPACE)) bail();
          end++;
        }
        end = this.trimmedEnd(i, end);
        item = this.scalar(text.slice(i, end), Scalar.PLAIN, [i, end, end], false);
      }
      const next = this.skipSpaces(end, lineEnd);
      item.range = [i, end, next];
      seq.items.push(item);
      const sep = text.charCodeAt(next);
      if (sep === 0x2c) i = this.skipSpaces(next + 1, lineEnd);
      else if (sep === 0x5d) i = next;
      else bail();
    }
    return [seq, i + 1];
  }

  /** After a value: nothing but spaces and a comment; a trailing comment would be attached to the value. */
  private lineRest(from: number, lineEnd: number): void {
    const at = this.skipSpaces(from, lineEnd);
    if (at !== lineEnd) bail();
  }

  /** The comment after a value, if any: nothing else may follow it, and a space must come before it. */
  private trailingComment(from: number, lineEnd: number): string {
    const at = this.skipSpaces(from, lineEnd);
    if (at === lineEnd) return '';
    if (at === from || this.text.charCodeAt(at) !== HASH) bail();
    return this.text.slice(at + 1, lineEnd) || ' ';
  }

  private blockScalar(line: number, at: number, column: number): [Scalar, number] {
    const text = this.text;
    const folded = text.charCodeAt(at) === 0x3e;
    let h = at + 1;
    const strip = text.charCodeAt(h) === DASH;
    if (strip) h++;
    this.lineRest(h, this.ends[line]!);
    // The content: the lines after the header that are blank or indented past the collection.
    let last = -1;
    let i = line + 1;
    for (; i < this.limit; i++) {
      if (this.kinds[i] === Kind.Blank) continue;
      if (this.indents[i]! <= column) break;
      last = i;
    }
    if (last < 0) bail();
    let trim = -1;
    const parts: string[] = [];
    for (let j = line + 1; j <= last; j++) {
      if (this.kinds[j] === Kind.Blank) {
        parts.push('');
        continue;
      }
      if (trim < 0) trim = this.indents[j]!;
      else if (this.indents[j]! < trim) bail();
      parts.push(text.slice(this.starts[j]! + trim, this.ends[j]));
    }
    let value = '';
    if (!folded) value = parts.join('\n');
    else {
      // Folding as YAML 1.2 §8.1.3: line breaks between lines of the same indentation become spaces.
      let sep = '';
      let prevMore = false;
      let j = line + 1;
      for (; j <= last && this.kinds[j] === Kind.Blank; j++) value += '\n';
      for (; j <= last; j++) {
        const part = parts[j - line - 1]!;
        if (this.kinds[j] !== Kind.Blank && this.indents[j]! > trim) {
          if (sep === ' ') sep = '\n';
          else if (!prevMore && sep === '\n') sep = '\n\n';
          value += sep + part;
          sep = '\n';
          prevMore = true;
        } else if (part === '') {
          if (sep === '\n') value += '\n';
          else sep = '\n';
        } else {
          value += sep + part;
          sep = ' ';
          prevMore = false;
        }
      }
    }
    if (!strip) value += '\n';
    const end = this.ends[last]! < text.length ? this.ends[last]! + 1 : text.length;
    const scalar = this.scalar(value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, [at, end, end], false, true);
    return [scalar, this.following(last)];
  }

  /** The offset of the `:` that ends a key starting at `at`, or -1 when the line holds no key there. */
  private keyEnd(at: number, lineEnd: number): number {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 0x22 || c === 0x27) {
      const close = this.quotedEnd(at, lineEnd);
      return text.charCodeAt(close) === COLON && (close + 1 === lineEnd || text.charCodeAt(close + 1) === SPACE) ? close : -1;
    }
    for (let i = at; i < lineEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COLON) {
        if (i + 1 === lineEnd || text.charCodeAt(i + 1) === SPACE) return i;
      } else if (ch === HASH && i > at && text.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  private keyScalar(at: number, colon: number): Scalar {
    const c = this.text.charCodeAt(at);
    if (c === 0x22 || c === 0x27) return this.quoted(at, colon);
    const source = this.text.slice(at, colon);
    // Spaces inside a plain key are its own; before the `:` they are not (the library trims them).
    if (INDICATOR.has(c) || source.length > 1000 || source.endsWith(' ') || /[[\]{},]/.test(source)) bail();
    return this.scalar(source, Scalar.PLAIN, [at, colon, colon], true);
  }

  /** The offset after the closing quote of a one-line quoted scalar at `at`. */
  private quotedEnd(at: number, lineEnd: number): number {
    const text = this.text;
    const q = text.charCodeAt(at);
    for (let i = at + 1; i < lineEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x5c && q === 0x22) bail();
      if (ch === q) {
        if (q === 0x27 && text.charCodeAt(i + 1) === 0x27) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return bail();
  }

  private quoted(at: number, end: number): Scalar {
    const single = this.text.charCodeAt(at) === 0x27;
    let value = this.text.slice(at + 1, end - 1);
    if (single) value = value.replace(/''/g, "'");
    return this.scalar(value, single ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE, [at, end, end], false, true);
  }

  /** The end of a plain scalar: before a ` #` comment and trailing spaces. */
  private plainEnd(at: number, lineEnd: number): number {
    const text = this.text;
    let end = lineEnd;
    for (let i = at + 1; i < lineEnd; i++) {
      if (text.charCodeAt(i) === HASH && text.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
    }
    return this.trimmedEnd(at, end);
  }

  /** `to`, moved back over the spaces before it (not before `from`). */
  private trimmedEnd(from: number, to: number): number {
    while (to > from && this.text.charCodeAt(to - 1) === SPACE) to--;
    return to;
  }

  private skipSpaces(from: number, to: number): number {
    while (from < to && this.text.charCodeAt(from) === SPACE) from++;
    return from;
  }

  /** A scalar resolved as the library resolves it: plain scalars by the schema's tag tests, others as strings. */
  private scalar(value: string, type: Scalar.Type, range: [number, number, number], atKey: boolean, asString = false): Scalar {
    let tag: Tag | undefined;
    if (!asString && (!this.core || value === '' || CORE_TYPED_START.has(value.charCodeAt(0))))
      tag = this.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(value));
    tag ??= this.stringTag;
    if (!tag) return bail();
    const resolved = tag.resolve(value, bail, this.doc!.options);
    const scalar = resolved instanceof Scalar ? resolved : new Scalar(resolved);
    scalar.range = range;
    scalar.source = value;
    scalar.type = type;
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }
}

/** Runs a parse of the library with `Error.stackTraceLimit` at 0: its errors are `Error`s, and nothing reads their stacks. */
export function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Moves the source ranges of `root` and every node below it by `by`. */
export function shiftRanges(root: unknown, by: number): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    if (!isNode(node)) continue;
    if (node.range) node.range = [node.range[0] + by, node.range[1] + by, node.range[2] + by];
    if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push(item);
  }
}

/** Where an item of a collection starts: its key's start for a pair. */
function itemStart(item: unknown): number {
  const node = isPair(item) ? item.key : item;
  return isNode(node) && node.range ? node.range[0] : -1;
}

/** The scalar key that starts at `offset` in the tree under `root`. */
function findKey(root: unknown, offset: number): Scalar | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isPair(node)) {
      if (isScalar(node.key) && node.key.range?.[0] === offset) return node.key;
      stack.push(node.value);
    } else if (isMap(node) || isSeq(node)) stack.push(...node.items);
  }
  return undefined;
}
