"""gunicorn's settings file (`gunicorn -c config/gunicorn.conf.py config.wsgi`): each worker warms up the report
renderer and signer as it starts, so a user's first preview is as fast as the next (REPORT_WARM_UP)."""


def post_worker_init(worker):
    from reporting.documents.warmup import warm_up_if_asked

    warm_up_if_asked()
