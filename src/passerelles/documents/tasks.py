"""Background work: ingest an uploaded batch of files in a worker thread and report its progress.

One worker thread serves the whole process, so batches run one after the other and never compete
for the database. With INGEST_RUN_INLINE the batch runs within the calling request instead.
"""

import logging
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection, transaction

from passerelles.documents.models import AuditAction, AuditEntry, IngestJob, JobStatus

logger = logging.getLogger(__name__)

executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")


def upload_folder(job: IngestJob) -> Path:
    """Return the folder that holds the files uploaded for JOB until it has read them."""
    return Path(settings.DATA_DIR) / "uploads" / str(job.pk)


def start_ingest(job: IngestJob, paths: list[Path]) -> None:
    """Ingest PATHS for JOB in the worker thread, or at once when INGEST_RUN_INLINE is true."""
    if settings.INGEST_RUN_INLINE:
        run_job(job.pk, paths)
        return
    # The worker uses its own connection: it must see the job only once the job is committed.
    transaction.on_commit(lambda: executor.submit(_work, job.pk, paths))


def _work(job_id: int, paths: list[Path]) -> None:
    close_old_connections()
    try:
        run_job(job_id, paths)
    finally:
        connection.close()


def run_job(job_id: int, paths: list[Path]) -> IngestJob:
    """Ingest PATHS, record the progress and outcomes on the job, then delete the uploaded files."""
    job = IngestJob.objects.select_related("user").get(pk=job_id)
    job.status = JobStatus.RUNNING
    job.total = len(paths)
    job.save(update_fields=["status", "total"])

    def progress(done: int, total: int, file_name: str) -> None:
        IngestJob.objects.filter(pk=job_id).update(done=done, total=total, current_file=file_name[:255])

    try:
        # The readers and the extraction pipeline (spaCy) load with the first job, not with every page.
        from passerelles.documents.actions import ingest_paths

        outcomes = ingest_paths(paths, publish=job.publish, progress=progress)
        job.outcomes = [outcome.as_dict() for outcome in outcomes]
        AuditEntry.objects.bulk_create(
            AuditEntry(who=job.user, project_id=project_id, action=AuditAction.INGEST, new_value=outcome.file)
            for outcome in outcomes
            for project_id in outcome.project_ids
        )
        job.status = JobStatus.DONE
    except Exception as error:
        # A job has nobody waiting on it: the failure must reach the curator through the job page.
        logger.exception("Ingestion job %s failed", job_id)
        job.status = JobStatus.FAILED
        job.error = str(error) or error.__class__.__name__
    finally:
        shutil.rmtree(upload_folder(job), ignore_errors=True)
    job.current_file = ""
    job.save(update_fields=["status", "outcomes", "error", "current_file"])
    return job
