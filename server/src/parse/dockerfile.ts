import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import { LineIndex } from '../engine/text';

/** A parsed Dockerfile: the `dockerfile-ast` tree plus a line index over the same text. */
export interface DockerfileDocument {
  readonly kind: 'dockerfile';
  readonly text: string;
  readonly lines: LineIndex;
  readonly ast: Dockerfile;
}

/** Parses Dockerfile text; never throws on malformed input (the parser is error-tolerant). */
export function parseDockerfile(text: string): DockerfileDocument {
  return { kind: 'dockerfile', text, lines: new LineIndex(text), ast: DockerfileParser.parse(text) };
}
