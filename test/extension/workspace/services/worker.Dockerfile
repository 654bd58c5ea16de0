FROM debian:12.8-slim
RUN apt-get update && apt-get install curl
USER 10001
