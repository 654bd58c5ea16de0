import { ruleCases } from './_cases';

ruleCases('dockerfile/pip-no-cache-dir', {
  flags: [
    ['FROM python:3.13.1\nRUN pip install -r requirements.txt\n', ['pip']],
    ['FROM python:3.13.1\nRUN python3 -m pip install flask==3.1.0\n', ['python3']],
  ],
  clean: [
    'FROM python:3.13.1\nRUN pip install --no-cache-dir -r requirements.txt\n',
    'FROM python:3.13.1\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.1.0\n',
    'FROM python:3.13.1\nRUN pip freeze\n',
  ],
  fixes: [
    [
      'FROM python:3.13.1\nRUN pip install -r requirements.txt\n',
      'FROM python:3.13.1\nRUN pip install --no-cache-dir -r requirements.txt\n',
    ],
  ],
});
