FROM node:20-alpine
MAINTAINER Jane Doe <jane@example.com>
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
