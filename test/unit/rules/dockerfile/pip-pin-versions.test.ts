import { ruleCases } from './_cases';

ruleCases('dockerfile/pip-pin-versions', {
  flags: [['FROM python:3.13.1\nRUN pip install --no-cache-dir flask "requests>=2" -r req.txt\n', ['flask']]],
  clean: [
    'FROM python:3.13.1\nRUN pip install --no-cache-dir flask==3.1.0 ./pkg -r requirements.txt\n',
    'FROM python:3.13.1\nRUN pip install --no-cache-dir --upgrade pip\n',
    'FROM python:3.13.1\nRUN pip install --no-cache-dir -c constraints.txt flask\n',
  ],
});
