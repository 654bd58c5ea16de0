import { ruleCases } from './_cases';

ruleCases('dockerfile/go-install-version', {
  flags: [
    [
      'FROM golang:1.23.4\nRUN go install golang.org/x/tools/gopls@latest github.com/x/y\n',
      ['golang.org/x/tools/gopls@latest', 'github.com/x/y'],
    ],
  ],
  clean: ['FROM golang:1.23.4\nRUN go install golang.org/x/tools/gopls@v0.17.0 ./cmd/...\n'],
});
