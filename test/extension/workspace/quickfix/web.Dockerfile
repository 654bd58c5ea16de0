FROM node:20.18.1-alpine3.20
MAINTAINER ops@example.com
USER node
CMD ["node", "server.js"]
