import { strict as assert } from 'node:assert';
import { parseCompose, parsePortSpec, splitImage, splitVolumeSpec } from '../../../server/src/compose/model';
import type { Range } from '../../../server/src/engine/types';

/** The text a range covers. */
function at(text: string, r: Range | undefined): string {
  assert.ok(r, 'range present');
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line]!.slice(r.start.character, r.end.character);
  return [
    lines[r.start.line]!.slice(r.start.character),
    ...lines.slice(r.start.line + 1, r.end.line),
    lines[r.end.line]!.slice(0, r.end.character),
  ].join('\n');
}

const FILE = `version: "3.8"
services:
  web:
    image: registry.example.com:5000/team/web:1.4.2
    build:
      context: ./web
      dockerfile: Dockerfile.prod
    environment:
      - LOG_LEVEL=debug
      - "API_TOKEN=abc123"
      - FROM_SHELL
    env_file: .env
    ports:
      - "127.0.0.1:8080:80"
      - 9000
      - "[::1]:5353:53/udp"
      - target: 443
        published: "8443"
        host_ip: 0.0.0.0
        protocol: tcp
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
    command: ["npm", "start"]
    depends_on:
      db:
        condition: service_healthy
      cache:
        condition: service_started
    volumes:
      - ./src:/app/src:ro
      - data:/var/lib/data
      - type: bind
        source: /var/run/docker.sock
        target: /var/run/docker.sock
    restart: unless-stopped
    deploy:
      replicas: 3
    container_name: web
    privileged: true
    network_mode: host
    pid: host
    labels:
      com.example.team: platform
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: hunter2
      POSTGRES_USER:
    healthcheck:
      disable: true
    depends_on: [cache]
    entrypoint: docker-entrypoint.sh
    labels: ["a=b"]
  cache:
    build: ./cache
secrets:
  db_password:
    file: ./secrets/db.txt
volumes:
  data: {}
networks:
  front: {}
`;

describe('Compose model', () => {
  const doc = parseCompose(FILE);
  const m = doc.model;
  const [web, db, cache] = m.services;

  it('lists services with their key ranges, and the obsolete version key', () => {
    assert.equal(doc.kind, 'compose');
    assert.deepEqual(
      m.services.map((s) => s.name),
      ['web', 'db', 'cache'],
    );
    assert.equal(at(FILE, web!.keyRange), 'web');
    assert.equal(at(FILE, m.version?.keyRange), 'version');
    assert.equal(at(FILE, m.version?.range), 'version: "3.8"');
  });
  it('splits image references, with a registry port', () => {
    assert.deepEqual({ repo: web!.image!.repo, tag: web!.image!.tag }, { repo: 'registry.example.com:5000/team/web', tag: '1.4.2' });
    assert.equal(at(FILE, web!.image!.range), 'registry.example.com:5000/team/web:1.4.2');
    assert.deepEqual({ repo: db!.image!.repo, tag: db!.image!.tag }, { repo: 'postgres', tag: undefined });
    assert.deepEqual(splitImage('nginx@sha256:abc'), { repo: 'nginx', tag: undefined, digest: 'sha256:abc' });
    assert.deepEqual(splitImage('localhost:5000/x:1@sha256:abc'), { repo: 'localhost:5000/x', tag: '1', digest: 'sha256:abc' });
  });
  it('reads build in its long and short forms', () => {
    assert.equal(web!.build!.context!.value, './web');
    assert.equal(at(FILE, web!.build!.dockerfile!.range), 'Dockerfile.prod');
    assert.equal(cache!.build!.context!.value, './cache');
    assert.equal(cache!.build!.dockerfile, undefined);
    assert.equal(at(FILE, cache!.build!.keyRange), 'build');
  });
  it('reads environment lists and maps with name ranges', () => {
    assert.deepEqual(
      web!.environment.map((e) => [e.name, at(FILE, e.nameRange), e.value, e.form]),
      [
        ['LOG_LEVEL', 'LOG_LEVEL', 'debug', 'list'],
        ['API_TOKEN', 'API_TOKEN', 'abc123', 'list'],
        ['FROM_SHELL', 'FROM_SHELL', undefined, 'list'],
      ],
    );
    assert.equal(at(FILE, web!.environment[1]!.valueRange), 'abc123');
    assert.deepEqual(
      db!.environment.map((e) => [e.name, at(FILE, e.nameRange), e.value, e.form]),
      [
        ['POSTGRES_PASSWORD', 'POSTGRES_PASSWORD', 'hunter2', 'map'],
        ['POSTGRES_USER', 'POSTGRES_USER', undefined, 'map'],
      ],
    );
    assert.deepEqual(
      web!.envFiles.map((f) => f.value),
      ['.env'],
    );
  });
  it('parses short and long port syntax', () => {
    assert.deepEqual(
      web!.ports.map((p) => [p.hostIp, p.hostPort, p.containerPort, p.protocol, p.form]),
      [
        ['127.0.0.1', '8080', '80', undefined, 'short'],
        [undefined, undefined, '9000', undefined, 'short'],
        ['::1', '5353', '53', 'udp', 'short'],
        ['0.0.0.0', '8443', '443', 'tcp', 'long'],
      ],
    );
    assert.equal(at(FILE, web!.ports[0]!.range), '"127.0.0.1:8080:80"');
    assert.deepEqual(parsePortSpec('8000-8001:80-81'), {
      hostIp: undefined,
      hostPort: '8000-8001',
      containerPort: '80-81',
      protocol: undefined,
    });
    assert.deepEqual(parsePortSpec('5432:5432'), { hostIp: undefined, hostPort: '5432', containerPort: '5432', protocol: undefined });
  });
  it('reads healthcheck, command, entrypoint and depends_on in both forms', () => {
    assert.deepEqual(web!.healthcheck?.test, ['CMD', 'curl', '-f', 'http://localhost/']);
    assert.equal(web!.healthcheck?.disabled, false);
    assert.equal(db!.healthcheck?.disabled, true);
    assert.equal(cache!.healthcheck, undefined);
    assert.deepEqual(web!.command?.value, ['npm', 'start']);
    assert.equal(db!.entrypoint?.value, 'docker-entrypoint.sh');
    assert.deepEqual(
      web!.dependsOn.map((d) => [d.name, d.condition?.value, d.form, at(FILE, d.range)]),
      [
        ['db', 'service_healthy', 'long', 'db'],
        ['cache', 'service_started', 'long', 'cache'],
      ],
    );
    assert.deepEqual(
      db!.dependsOn.map((d) => [d.name, d.form]),
      [['cache', 'short']],
    );
  });
  it('tells bind mounts from named volumes, short and long syntax', () => {
    assert.deepEqual(
      web!.volumes.map((v) => [v.type, v.source, v.target, v.readOnly]),
      [
        ['bind', './src', '/app/src', true],
        ['volume', 'data', '/var/lib/data', false],
        ['bind', '/var/run/docker.sock', '/var/run/docker.sock', false],
      ],
    );
    assert.equal(at(FILE, web!.volumes[0]!.sourceRange), './src');
    assert.deepEqual(splitVolumeSpec('C:\\data:/data:rw'), { source: 'C:\\data', target: '/data', mode: 'rw' });
  });
  it('reads the single-valued keys with ranges', () => {
    assert.equal(web!.restart?.value, 'unless-stopped');
    assert.equal(web!.replicas?.value, 3);
    assert.equal(at(FILE, web!.replicas?.range), '3');
    assert.equal(at(FILE, web!.containerName?.range), 'web');
    assert.equal(web!.privileged?.value, true);
    assert.equal(web!.networkMode?.value, 'host');
    assert.equal(web!.pid?.value, 'host');
    assert.deepEqual(
      web!.labels.map((l) => [l.name, l.value]),
      [['com.example.team', 'platform']],
    );
    assert.deepEqual(
      db!.labels.map((l) => [l.name, l.value]),
      [['a', 'b']],
    );
  });
  it('reads top-level secrets, volumes and networks', () => {
    assert.deepEqual(
      m.secrets.map((s) => [s.name, s.file?.value]),
      [['db_password', './secrets/db.txt']],
    );
    assert.deepEqual(
      m.volumes.map((s) => s.name),
      ['data'],
    );
    assert.deepEqual(
      m.networks.map((s) => s.name),
      ['front'],
    );
  });
  it('gives an empty model for text that is not a mapping, and never throws on broken YAML', () => {
    assert.deepEqual(parseCompose('- a\n').model.services, []);
    assert.deepEqual(parseCompose('').model.services, []);
    const broken = parseCompose('services:\n  web:\n    image: [\n');
    assert.ok(broken.errors.length > 0);
  });
});
