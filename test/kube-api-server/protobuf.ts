/**
 * The Kubernetes protobuf encoding for the kinds clients send that way here: typed clients (Helm's
 * release storage) create, update and delete Secrets as `application/vnd.kubernetes.protobuf`, and
 * kubectl sends access reviews (`kubectl auth can-i`) so. A body is the magic `k8s\0` and a
 * `runtime.Unknown` envelope (typeMeta, raw) whose `raw` is the kind's message; field numbers are
 * those of `k8s.io/api/core/v1/generated.proto` and `k8s.io/api/authorization/v1/generated.proto`.
 */
import type { KObject } from './types';

/** The content type typed clients use for built-in kinds. */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** One field of a protobuf message: its number, wire type and value (varint or length-delimited bytes). */
export interface Field {
  no: number;
  wire: number;
  value: Buffer | bigint;
}

/** The fields of a protobuf message in order; fixed-width fields are skipped, malformed input throws. */
export function* fields(buf: Buffer): Generator<Field> {
  let i = 0;
  const varint = (): bigint => {
    let out = 0n;
    let shift = 0n;
    for (;;) {
      if (i >= buf.length) throw new Error('truncated varint');
      const b = buf[i++];
      out |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return out;
      shift += 7n;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) yield { no, wire, value: varint() };
    else if (wire === 2) {
      const len = Number(varint());
      if (i + len > buf.length) throw new Error('truncated field');
      yield { no, wire, value: buf.subarray(i, i + len) };
      i += len;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function bytes(f: Field): Buffer {
  if (!(f.value instanceof Buffer)) throw new Error(`field ${f.no} is not length-delimited`);
  return f.value;
}

/** A `map<string, string|bytes>` entry: key = 1, value = 2. */
function entry(buf: Buffer): [string, Buffer] {
  let key = '';
  let value: Buffer = Buffer.alloc(0);
  for (const f of fields(buf)) {
    if (f.no === 1) key = bytes(f).toString('utf8');
    else if (f.no === 2) value = bytes(f);
  }
  return [key, value];
}

function objectMeta(buf: Buffer): KObject['metadata'] {
  const meta: KObject['metadata'] & Record<string, unknown> = { name: '' };
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  for (const f of fields(buf)) {
    if (f.no === 1) meta.name = bytes(f).toString('utf8');
    else if (f.no === 3) meta.namespace = bytes(f).toString('utf8');
    else if (f.no === 6) meta.resourceVersion = bytes(f).toString('utf8');
    else if (f.no === 11) {
      const [k, v] = entry(bytes(f));
      labels[k] = v.toString('utf8');
    } else if (f.no === 12) {
      const [k, v] = entry(bytes(f));
      annotations[k] = v.toString('utf8');
    }
  }
  if (Object.keys(labels).length) meta.labels = labels;
  if (Object.keys(annotations).length) meta.annotations = annotations;
  return meta;
}

/** `meta/v1.DeleteOptions`: gracePeriodSeconds = 1, propagationPolicy = 4, dryRun = 5 (repeated). */
function deleteOptions(apiVersion: string, raw: Buffer): KObject {
  const out: Record<string, unknown> = { apiVersion, kind: 'DeleteOptions' };
  const dryRun: string[] = [];
  for (const f of fields(raw)) {
    if (f.no === 1 && typeof f.value === 'bigint') out.gracePeriodSeconds = Number(f.value);
    else if (f.no === 4) out.propagationPolicy = bytes(f).toString('utf8');
    else if (f.no === 5) dryRun.push(bytes(f).toString('utf8'));
  }
  if (dryRun.length) out.dryRun = dryRun;
  return out as unknown as KObject;
}

/** Decodes a protobuf-encoded Secret into its JSON form; throws for any other kind or a malformed body. */
export function decodeProtobufObject(body: Buffer): KObject {
  if (!body.subarray(0, 4).equals(MAGIC)) throw new Error('not a Kubernetes protobuf body (no k8s\\0 prefix)');
  let apiVersion = '';
  let kind = '';
  let raw: Buffer = Buffer.alloc(0);
  for (const f of fields(body.subarray(4))) {
    if (f.no === 1) {
      for (const t of fields(bytes(f))) {
        if (t.no === 1) apiVersion = bytes(t).toString('utf8');
        else if (t.no === 2) kind = bytes(t).toString('utf8');
      }
    } else if (f.no === 2) raw = bytes(f);
  }
  if (kind === 'DeleteOptions') return deleteOptions(apiVersion, raw);
  if (apiVersion === 'authorization.k8s.io/v1' && ACCESS_REVIEWS.has(kind)) return accessReview(apiVersion, kind, raw);
  if (apiVersion !== 'v1' || kind !== 'Secret')
    throw new Error(`protobuf bodies are decoded for v1 Secrets, access reviews and DeleteOptions only, not ${apiVersion} ${kind}`);
  const secret: KObject & { data?: Record<string, string>; type?: string } = { apiVersion, kind, metadata: { name: '' } };
  const data: Record<string, string> = {};
  for (const f of fields(raw)) {
    if (f.no === 1) secret.metadata = objectMeta(bytes(f));
    else if (f.no === 2) {
      const [k, v] = entry(bytes(f));
      data[k] = v.toString('base64');
    } else if (f.no === 3) secret.type = bytes(f).toString('utf8');
    else if (f.no === 4) {
      const [k, v] = entry(bytes(f));
      data[k] = v.toString('base64');
    }
  }
  if (Object.keys(data).length) secret.data = data;
  return secret;
}

const ACCESS_REVIEWS = new Set(['SelfSubjectAccessReview', 'SubjectAccessReview', 'LocalSubjectAccessReview']);

/** The length-delimited fields of a message by number, in order. */
function protoFields(buf: Buffer): Map<number, Buffer[]> {
  const out = new Map<number, Buffer[]>();
  for (const f of fields(buf)) if (f.value instanceof Buffer) out.set(f.no, [...(out.get(f.no) ?? []), f.value]);
  return out;
}

/** An access review's spec: its resource attributes, and for a SubjectAccessReview its user and groups. */
function accessReview(apiVersion: string, kind: string, raw: Buffer): KObject {
  const spec = protoFields(protoFields(raw).get(2)?.[0] ?? Buffer.alloc(0));
  const str = (m: Map<number, Buffer[]>, n: number): string | undefined => m.get(n)?.[0]?.toString('utf8');
  const ra = spec.get(1)?.[0];
  const out: Record<string, unknown> = {};
  if (ra) {
    const f = protoFields(ra);
    out.resourceAttributes = {
      namespace: str(f, 1),
      verb: str(f, 2),
      group: str(f, 3),
      resource: str(f, 5),
      subresource: str(f, 6),
      name: str(f, 7),
    };
  }
  const user = str(spec, 3);
  if (user !== undefined) out.user = user;
  const groups = spec.get(4)?.map((b) => b.toString('utf8'));
  if (groups) out.groups = groups;
  return { apiVersion, kind, metadata: { name: '' }, spec: out } as unknown as KObject;
}
