import { ruleCases } from './_cases';

ruleCases('dockerfile/pip-pin-versions', {
  flags: [
    ['FROM python:3.13.1\nRUN pip install --no-cache-dir flask "requests>=2" -r req.txt\n', ['flask']],
    // An empty PIP_CONSTRAINT is ignored by pip.
    ['FROM python:3.13.1\nENV PIP_CONSTRAINT=\nRUN pip install --no-cache-dir flask\n', ['flask']],
    ['FROM python:3.13.1\nRUN pip install --no-cache-dir flask\nENV PIP_CONSTRAINT=/c.txt\n', ['flask']],
  ],
  clean: [
    'FROM python:3.13.1\nRUN pip install --no-cache-dir flask==3.1.0 ./pkg -r requirements.txt\n',
    'FROM python:3.13.1\nRUN pip install --no-cache-dir --upgrade pip\n',
    'FROM python:3.13.1\nRUN pip install --no-cache-dir -c constraints.txt flask\n',
    'FROM python:3.13.1\nRUN pip install --no-cache-dir --constraint=constraints.txt flask\n',
    'FROM python:3.13.1\nENV PIP_CONSTRAINT=/constraints.txt\nRUN pip install --no-cache-dir flask\n',
    'FROM python:3.13.1\nARG PIP_CONSTRAINT\nRUN pip install --no-cache-dir flask\n',
    'FROM python:3.13.1\nRUN PIP_CONSTRAINT=/c.txt pip install --no-cache-dir flask\n',
    'FROM python:3.13.1\nRUN export PIP_CONSTRAINT=/c.txt; pip install --no-cache-dir flask\n',
    'FROM python:3.13.1\nRUN pip install --no-cache-dir ./pkg /wheels/app-1.0-py3-none-any.whl git+https://example.com/r.git\n',
  ],
});
