import { strict as assert } from 'node:assert';
import { shellReady } from '../../../../server/src/dockerfile/shell';
import { lintString } from '../../helpers';
import { ruleCases } from './_cases';

const ID = 'dockerfile/pip-no-cache-dir';
const PY = 'FROM python:3.13.1\n';

ruleCases(ID, {
  flags: [
    [`${PY}RUN pip install -r requirements.txt\n`, ['pip']],
    [`${PY}RUN python3 -m pip install flask==3.1.0\n`, ['python3']],
    [`${PY}RUN pip3 install flask==3.1.0\n`, ['pip3']],
    // An empty value is ignored by pip: the cache stays on.
    [`${PY}ENV PIP_NO_CACHE_DIR=\nRUN pip install flask==3.1.0\n`, ['pip']],
    [`${PY}ENV PIP_NO_CACHE_DIR=""\nRUN pip install flask==3.1.0\n`, ['pip']],
    // A value pip cannot read as a boolean stops pip.
    [`${PY}ENV PIP_NO_CACHE_DIR=maybe\nRUN pip install flask==3.1.0\n`, ['pip']],
    // Set after the RUN, in another stage, in a comment, or in a later RUN: not where pip runs.
    [`${PY}RUN pip install flask==3.1.0\nENV PIP_NO_CACHE_DIR=1\n`, ['pip']],
    [`FROM python:3.13.1 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.13.1\nRUN pip install flask==3.1.0\n`, ['pip']],
    [`${PY}# ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.1.0\n`, ['pip']],
    [`${PY}RUN export PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.1.0\n`, [['pip', 0]]],
    // A plain assignment without export is not in pip's environment.
    [`${PY}RUN PIP_NO_CACHE_DIR=1; pip install flask==3.1.0\n`, [['pip', 0]]],
    // An ARG of an earlier stage is not inherited.
    [`FROM python:3.13.1 AS a\nARG PIP_NO_CACHE_DIR=1\nFROM a\nRUN pip install flask==3.1.0\n`, [['pip', 0]]],
    // A global ARG is not in the environment until the stage declares it.
    [`ARG PIP_NO_CACHE_DIR=1\n${PY}RUN pip install flask==3.1.0\n`, ['pip']],
  ],
  clean: [
    `${PY}RUN pip install --no-cache-dir -r requirements.txt\n`,
    `${PY}RUN pip freeze\n`,
    `${PY}RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.1.0\n`,
    // Every value pip reads as a boolean turns the cache off, 0 and false included.
    ...['1', 'true', 'True', 'yes', 'on', 'y', 't', '0', 'false', 'no', 'off', 'n', 'f', '"0"', "'off'"].map(
      (v) => `${PY}ENV PIP_NO_CACHE_DIR=${v}\nRUN pip install flask==3.1.0\n`,
    ),
    // Legacy ENV syntax.
    `${PY}ENV PIP_NO_CACHE_DIR 1\nRUN pip install flask==3.1.0\n`,
    // Inherited through a stage built FROM another.
    `FROM python:3.13.1 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask==3.1.0\n`,
    // An ARG of the stage is in the environment of its RUNs; a global default fills a bare ARG.
    `${PY}ARG PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.1.0\n`,
    `ARG PIP_NO_CACHE_DIR=off\n${PY}ARG PIP_NO_CACHE_DIR\nRUN pip install flask==3.1.0\n`,
    // A bare ARG takes its value from --build-arg: taken as set.
    `${PY}ARG PIP_NO_CACHE_DIR\nRUN pip install flask==3.1.0\n`,
    `${PY}ENV PIP_NO_CACHE_DIR=$FROM_OUTSIDE\nRUN pip install flask==3.1.0\n`,
    `${PY}ARG NOCACHE=1\nENV PIP_NO_CACHE_DIR=\${NOCACHE}\nRUN pip install flask==3.1.0\n`,
    // In the script: export before, or an assignment on the command.
    `${PY}RUN export PIP_NO_CACHE_DIR=1 && pip install flask==3.1.0\n`,
    `${PY}RUN PIP_NO_CACHE_DIR=1 pip install flask==3.1.0\n`,
    `${PY}RUN PIP_NO_CACHE_DIR=false python -m pip install flask==3.1.0\n`,
    `${PY}RUN env PIP_NO_CACHE_DIR=1 pip install flask==3.1.0\n`,
    ['ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.1.0\n', { filename: 'Dockerfile' }],
  ],
  fixes: [[`${PY}RUN pip install -r requirements.txt\n`, `${PY}RUN pip install --no-cache-dir -r requirements.txt\n`]],
});

describe(`${ID} messages`, () => {
  before(() => shellReady);
  it('says when pip would reject the value', () => {
    assert.deepEqual(
      lintString(`${PY}ENV PIP_NO_CACHE_DIR=maybe\nRUN pip install flask==3.1.0\n`, { only: ID }).map((f) => f.message),
      ['PIP_NO_CACHE_DIR="maybe" is not a boolean pip accepts; pip stops with an error.'],
    );
  });
  it('says the export in an earlier RUN is gone', () => {
    assert.deepEqual(
      lintString(`${PY}RUN export PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.1.0\n`, { only: ID }).map((f) => f.message),
      ['pip install without --no-cache-dir keeps the wheel cache in the layer.'],
    );
  });
});
