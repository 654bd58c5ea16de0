FROM python:3.13.1-slim-bookworm
MAINTAINER "Data Team"
USER nobody
CMD ["python", "worker.py"]
