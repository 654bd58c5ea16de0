/**
 * The tar format as far as copying files to and from containers needs it (what `kubectl cp`
 * exchanges with the container's `tar`): POSIX ustar headers written, with a PAX `path` record for
 * names over 100 bytes; read back are ustar, PAX (`x`, `g`) and GNU long-name (`L`, `K`) headers,
 * and base-256 sizes. Reading is incremental (chunks as they arrive, bounded memory), and member
 * names are untrusted: {@link safeMemberPath} refuses absolute paths and `..`.
 */

/** One member of an archive. */
export interface TarEntry {
  /** The member name, `/`-separated, as written in the archive. */
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  size: number;
  mode: number;
  mtime: number;
  linkname?: string;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function writeString(buf: Buffer, text: string, offset: number, width: number): void {
  buf.write(text, offset, Math.min(width, Buffer.byteLength(text)), 'utf8');
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum;
}

function header(name: string, size: number, mode: number, mtime: number, typeflag: string): Buffer {
  const h = Buffer.alloc(BLOCK);
  writeString(h, name, 0, 100);
  writeString(h, octal(mode & 0o7777, 8), 100, 8);
  writeString(h, octal(0, 8), 108, 8);
  writeString(h, octal(0, 8), 116, 8);
  writeString(h, octal(size, 12), 124, 12);
  writeString(h, octal(Math.floor(mtime), 12), 136, 12);
  h[156] = typeflag.charCodeAt(0);
  writeString(h, 'ustar\0', 257, 6);
  writeString(h, '00', 263, 2);
  writeString(h, `${checksum(h).toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest ? BLOCK - rest : 0);
}

/** A PAX record `"<len> key=value\n"`, where len counts the whole record. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

/** The header block(s) of one member (a PAX header first when the name does not fit in 100 bytes). */
export function entryHeader(e: { name: string; type: 'file' | 'directory'; size?: number; mode?: number; mtime?: number }): Buffer {
  const name = e.type === 'directory' && !e.name.endsWith('/') ? `${e.name}/` : e.name;
  const size = e.type === 'file' ? (e.size ?? 0) : 0;
  const mode = e.mode ?? (e.type === 'directory' ? 0o755 : 0o644);
  const mtime = e.mtime ?? Date.now() / 1000;
  const flag = e.type === 'directory' ? '5' : '0';
  if (Buffer.byteLength(name) <= 100) return header(name, size, mode, mtime, flag);
  const pax = Buffer.from(paxRecord('path', name));
  const short = `PaxHeaders/${name.slice(-80).replace(/^\/+/, '')}`;
  return Buffer.concat([
    header(short, pax.length, 0o644, mtime, 'x'),
    pax,
    padding(pax.length),
    header(name.slice(0, 100), size, mode, mtime, flag),
  ]);
}

/** The padding after a member's data of `size` bytes. */
export function entryPadding(size: number): Buffer {
  return padding(size);
}

/** The two zero blocks that end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

function readString(buf: Buffer, offset: number, width: number): string {
  const slice = buf.subarray(offset, offset + width);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul < 0 ? width : nul).toString('utf8');
}

function readNumber(buf: Buffer, offset: number, width: number): number {
  // GNU base-256: the high bit of the first byte set, the value big-endian in the rest.
  if (buf[offset]! & 0x80) {
    let n = buf[offset]! & 0x7f;
    for (let i = 1; i < width; i++) n = n * 256 + buf[offset + i]!;
    return n;
  }
  const text = readString(buf, offset, width).trim();
  return text ? parseInt(text, 8) : 0;
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space < 0) break;
    const len = Number(data.subarray(i, space).toString('ascii'));
    if (!Number.isInteger(len) || len <= 0) break;
    const record = data.subarray(space + 1, i + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}

/** Receives a parsed member; return a sink for its data, or undefined to skip the data. */
export type EntryHandler = (entry: TarEntry) => { write(data: Buffer): void; end(): void } | undefined;

/** Largest PAX or GNU long-name header read (they are held whole). */
const MAX_META = 1 << 20;

/**
 * Reads an archive incrementally: `push` chunks as they arrive, `end` when the stream ends. The
 * handler gets each member; its data goes to the sink it returns. Throws on a corrupt header.
 */
export class TarReader {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private state: 'header' | 'data' | 'meta' | 'padding' | 'done' = 'header';
  private left = 0;
  private pad = 0;
  private sink: { write(data: Buffer): void; end(): void } | undefined;
  private meta: { kind: string; parts: Buffer[] } | undefined;
  private nextName: string | undefined;
  private nextLink: string | undefined;
  private nextSize: number | undefined;
  private zeroBlocks = 0;

  constructor(private readonly onEntry: EntryHandler) {}

  /** Whether the end-of-archive blocks were seen. */
  get finished(): boolean {
    return this.state === 'done';
  }

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    this.drain();
  }

  /** The stream ended: throws when it stopped inside a member. */
  end(): void {
    if (this.state === 'data' || this.state === 'meta' || (this.state === 'padding' && this.pad > 0) || this.pendingLength % BLOCK !== 0)
      throw new Error('the archive ends in the middle of a member');
  }

  private take(n: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.pending = rest.length ? [rest] : [];
    this.pendingLength = rest.length;
    return out;
  }

  private drain(): void {
    for (;;) {
      if (this.state === 'done') {
        this.pending = [];
        this.pendingLength = 0;
        return;
      }
      if (this.state === 'data' || this.state === 'meta') {
        if (this.left > 0 && this.pendingLength === 0) return;
        const n = Math.min(this.left, this.pendingLength);
        if (n > 0) {
          const data = this.take(n);
          this.left -= n;
          if (this.state === 'data') this.sink?.write(data);
          else this.meta!.parts.push(data);
        }
        if (this.left > 0) return;
        if (this.state === 'data') {
          this.sink?.end();
          this.sink = undefined;
        } else this.finishMeta();
        this.state = 'padding';
        continue;
      }
      if (this.state === 'padding') {
        if (this.pendingLength < this.pad) return;
        this.take(this.pad);
        this.pad = 0;
        this.state = 'header';
        continue;
      }
      if (this.pendingLength < BLOCK) return;
      const h = this.take(BLOCK);
      if (h.every((b) => b === 0)) {
        if (++this.zeroBlocks >= 2) this.state = 'done';
        continue;
      }
      this.zeroBlocks = 0;
      this.readHeader(h);
    }
  }

  private readHeader(h: Buffer): void {
    if (readNumber(h, 148, 8) !== checksum(h)) throw new Error('not a tar archive (a header checksum does not match)');
    const flag = String.fromCharCode(h[156]!);
    let size = readNumber(h, 124, 12);
    const ustar = readString(h, 257, 6).startsWith('ustar');
    const prefix = ustar ? readString(h, 345, 155) : '';
    let name = readString(h, 0, 100);
    if (prefix) name = `${prefix}/${name}`;
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > MAX_META) throw new Error(`a tar ${flag} header of ${size} bytes is too large`);
      this.meta = { kind: flag, parts: [] };
      this.state = 'meta';
      this.left = size;
      this.pad = padding(size).length;
      return;
    }
    if (this.nextSize !== undefined) size = this.nextSize;
    const entry: TarEntry = {
      name: this.nextName ?? name,
      type:
        flag === '0' || flag === '\0' || flag === '7'
          ? 'file'
          : flag === '5'
            ? 'directory'
            : flag === '2'
              ? 'symlink'
              : flag === '1'
                ? 'hardlink'
                : 'other',
      size,
      mode: readNumber(h, 100, 8),
      mtime: readNumber(h, 136, 12),
      linkname: this.nextLink ?? (readString(h, 157, 100) || undefined),
    };
    this.nextName = this.nextLink = this.nextSize = undefined;
    // Links and directories carry no data whatever their size field says.
    const dataSize = entry.type === 'file' || entry.type === 'other' ? size : 0;
    this.sink = this.onEntry(entry);
    this.state = 'data';
    this.left = dataSize;
    this.pad = padding(dataSize).length;
  }

  private finishMeta(): void {
    const { kind, parts } = this.meta!;
    this.meta = undefined;
    const data = Buffer.concat(parts);
    if (kind === 'L') this.nextName = readString(data, 0, data.length);
    else if (kind === 'K') this.nextLink = readString(data, 0, data.length);
    else if (kind === 'x') {
      const pax = parsePax(data);
      if (pax.path !== undefined) this.nextName = pax.path;
      if (pax.linkpath !== undefined) this.nextLink = pax.linkpath;
      if (pax.size !== undefined && /^\d+$/.test(pax.size)) this.nextSize = Number(pax.size);
    }
  }
}

/**
 * The member's path relative to `prefix` (the archived path, without its leading `/`), as
 * `/`-separated segments; undefined when it is outside the prefix or would escape the destination
 * (absolute, `..`, empty segments are dropped).
 */
export function safeMemberPath(name: string, prefix: string): string[] | undefined {
  const norm = (s: string): string[] => s.split('/').filter((p) => p !== '' && p !== '.');
  const parts = norm(name);
  if (name.startsWith('/') || parts.includes('..')) return undefined;
  const pre = norm(prefix);
  if (pre.includes('..')) return undefined;
  for (let i = 0; i < pre.length; i++) if (parts[i] !== pre[i]) return undefined;
  return parts.slice(pre.length);
}
