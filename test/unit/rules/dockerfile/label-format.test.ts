import { strict as assert } from 'node:assert';
import { spdxProblem } from '../../../../server/src/dockerfile/spdx';
import { lintString } from '../../helpers';
import { ruleCases } from './_cases';

const types = (...entries: string[]) => ({
  config: `rules:\n  dockerfile/label-format:\n    labelTypes: [${entries.map((e) => JSON.stringify(e)).join(', ')}]\n`,
});

ruleCases('dockerfile/label-format', {
  flags: [
    // DL3052: not a URL.
    ['FROM debian:12.8\nLABEL org.opencontainers.image.source="github.com/a/b"\n', ['"github.com/a/b"']],
    ['FROM debian:12.8\nLABEL org.opencontainers.image.url=https:/example.com\n', ['https:/example.com']],
    ['FROM debian:12.8\nLABEL org.label-schema.vcs-url="git@github.com:a/b.git"\n', ['"git@github.com:a/b.git"']],
    // DL3053: not RFC 3339.
    ['FROM debian:12.8\nLABEL org.opencontainers.image.created="2024-05-01"\n', ['"2024-05-01"']],
    ['FROM debian:12.8\nLABEL org.opencontainers.image.created=2023-02-29T10:00:00Z\n', ['2023-02-29T10:00:00Z']],
    ['FROM debian:12.8\nLABEL org.label-schema.build-date="Mon May 6 2024"\n', ['"Mon May 6 2024"']],
    // DL3054: not SPDX.
    ['FROM debian:12.8\nLABEL org.opencontainers.image.licenses="Apache License 2.0"\n', ['"Apache License 2.0"']],
    ['FROM debian:12.8\nLABEL org.opencontainers.image.licenses="MIT OR (Apache-2.0"\n', ['"MIT OR (Apache-2.0"']],
    ['FROM debian:12.8\nLABEL org.opencontainers.image.licenses="GPL-2.0-only WITH MIT"\n', ['"GPL-2.0-only WITH MIT"']],
    ['FROM debian:12.8\nLABEL org.opencontainers.image.licenses="MIT AND"\n', ['"MIT AND"']],
    // DL3055, DL3056, DL3058: only when configured.
    ['FROM debian:12.8\nLABEL org.opencontainers.image.revision=main\n', ['main'], types('org.opencontainers.image.revision=hash')],
    ['FROM debian:12.8\nLABEL version=v1.2\n', ['v1.2'], types('version=semver')],
    ['FROM debian:12.8\nLABEL version=1.02.0\n', ['1.02.0'], types('version=semver')],
    ['FROM debian:12.8\nLABEL maintainer="Jane Doe"\n', ['"Jane Doe"'], types('maintainer=email')],
    ['FROM debian:12.8\nLABEL maintainer="jane@"\n', ['"jane@"'], types('maintainer=email')],
    // Several labels in one instruction, across continuation lines; ONBUILD triggers too.
    [
      'FROM debian:12.8\nLABEL a=1 \\\n  org.opencontainers.image.source=nope \\\n  org.opencontainers.image.licenses=MIT\nONBUILD LABEL org.opencontainers.image.url=x\n',
      ['nope', 'x'],
    ],
  ],
  clean: [
    'FROM debian:12.8\nLABEL org.opencontainers.image.source="https://github.com/a/b" org.opencontainers.image.url=https://example.com/x?y=1\n',
    'FROM debian:12.8\nLABEL org.opencontainers.image.documentation="urn:isbn:0451450523"\n',
    'FROM debian:12.8\nLABEL org.opencontainers.image.created="2024-02-29T23:59:60.123+02:00"\n',
    'FROM debian:12.8\nLABEL org.opencontainers.image.created="2024-05-01 12:30:00z"\n',
    'FROM debian:12.8\nLABEL org.opencontainers.image.licenses="(MIT OR Apache-2.0) AND BSD-3-Clause"\n',
    "FROM debian:12.8\nLABEL org.opencontainers.image.licenses='GPL-2.0+ WITH Classpath-exception-2.0 or LicenseRef-Acme'\n",
    'FROM debian:12.8\nLABEL org.opencontainers.image.licenses=apache-2.0\n',
    // Free-form by default.
    'FROM debian:12.8\nLABEL org.opencontainers.image.version="v1.2 (beta)" org.opencontainers.image.revision=main\n',
    'FROM debian:12.8\nLABEL maintainer="Jane Doe"\n',
    // Variables are known only at build time; empty values are label-schema's.
    'FROM debian:12.8\nARG BUILD_DATE\nLABEL org.opencontainers.image.created=$BUILD_DATE org.opencontainers.image.source="${REPO}"\n',
    'FROM debian:12.8\nLABEL org.opencontainers.image.source=""\n',
    ['FROM debian:12.8\nLABEL org.opencontainers.image.source=nope\n', types('org.opencontainers.image.source=text')],
    ['FROM debian:12.8\nLABEL org.opencontainers.image.source=nope\n', types()],
    ['FROM debian:12.8\nLABEL org.opencontainers.image.revision=0a1b2c3\n', types('org.opencontainers.image.revision=hash')],
    ['FROM debian:12.8\nLABEL v=2.0.0-rc.1+build.5\n', types('v=semver')],
    ['FROM debian:12.8\nLABEL m="Jane Doe <jane@example.com>, ops@example.org"\n', types('m=email')],
  ],
});

describe('dockerfile/label-format messages and SPDX parsing', () => {
  it('says what is wrong with the value', () => {
    const [f] = lintString('FROM debian:12.8\nLABEL org.opencontainers.image.licenses="Apache 2.0"\n', { only: 'dockerfile/label-format' });
    assert.equal(
      f?.message,
      'Label "org.opencontainers.image.licenses": "Apache 2.0" is not a valid SPDX licence expression: "Apache" is not an SPDX licence identifier.',
    );
  });
  it('parses SPDX expressions', () => {
    assert.equal(spdxProblem('MIT'), undefined);
    assert.equal(spdxProblem('DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2'), undefined);
    assert.equal(spdxProblem('((MIT))'), undefined);
    assert.equal(spdxProblem('MIT)'), '")" is out of place');
    assert.equal(spdxProblem('()'), '")" appears where a licence is expected');
    assert.equal(spdxProblem('MIT WITH'), 'WITH is not followed by an exception');
    assert.equal(spdxProblem(''), 'it is empty');
  });
  it('survives pathological values', () => {
    assert.equal(spdxProblem(`${'('.repeat(10000)}MIT${')'.repeat(10000)}`), 'parentheses are nested too deeply');
    const text = `FROM debian:12.8\nLABEL m="${','.repeat(20000)}\\"" l="${'MIT AND '.repeat(5000)}"\n`;
    const found = lintString(text, { only: 'dockerfile/label-format', ...types('m=email', 'l=spdx') });
    assert.deepEqual(
      found.map((f) => f.message.slice(-30)),
      ['not a valid RFC 5322 email address.'.slice(-30), 'ends where a licence is expected.'.slice(-30)],
    );
  });
});
