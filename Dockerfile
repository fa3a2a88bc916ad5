# One image for all six services; compose.yaml picks the service with the command it runs.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY libs ./libs
COPY services ./services
COPY website ./website
RUN pip install ./libs/servicekit ./libs/resilient_client \
        ./services/translations ./services/geolocation ./services/ratings \
        ./services/payments ./services/search ./website \
    && useradd --create-home --uid 10001 app \
    && mkdir -p /app/var && chown app:app /app/var

USER app
EXPOSE 8000
