# The hosted demo as a container: Python 3.12, CPU torch (requirements.txt takes it from the PyTorch CPU
# index), a non-root user, the app on the port the platform gives in $PORT (8501 by default), with the
# repository's .streamlit/config.toml. Build and run: README, "Deploying a hosted demo".
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8501

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
# The code stays owned by root: the app only reads it
COPY . .
RUN useradd --create-home --uid 10001 app
USER app

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/_stcore/health' % os.environ.get('PORT', '8501'), timeout=4)"
CMD ["sh", "-c", "exec streamlit run streamlit_app.py --server.port=${PORT:-8501} --server.address=0.0.0.0"]
