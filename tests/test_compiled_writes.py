"""The writes every job makes go through statements built once (painty.prepared): its
row and its ledger entry through a compiled INSERT, its status moves through a compiled
conditional UPDATE. The rows must be exactly what Django's own save() and update() write,
errors must behave the same, and the SQL must not be rebuilt."""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Now
from django.db.models.sql.compiler import SQLInsertCompiler
from django.forms.models import model_to_dict
from django.utils import timezone

from billing.models import CreditAccount, LedgerEntry
from painty import prepared
from photos.models import Job

pytestmark = pytest.mark.django_db(transaction=True)  # one test inserts from another thread
EXPIRES = timezone.now().replace(microsecond=0) + timedelta(hours=1)


def new_job(user, token, **fields):
    return Job(user=user, prompt="make it brighter", engine="echo", cost=2, token=token, input_format="JPEG",
               edits=[{"op": "brightness", "amount": 1.2}], options={"n": 1}, width=64, height=48,
               expires_at=EXPIRES, **fields)


def stored(model, pk) -> dict:
    row = model.objects.filter(pk=pk).values().get()
    return {name: value for name, value in row.items() if name not in ("id", "token", "created_at")}


def test_a_job_inserted_compiled_is_the_row_save_writes(user):
    by_django = new_job(user, "t-django", status=Job.Status.RUNNING, started_at=timezone.now())
    by_django.save(force_insert=True)
    compiled = new_job(user, "t-compiled", status=Job.Status.RUNNING, started_at=by_django.started_at)
    assert prepared.insert(compiled) is compiled
    assert compiled.pk == by_django.pk + 1 and isinstance(compiled.pk, int)
    assert compiled._state.db == "default" and not compiled._state.adding
    assert compiled.created_at is not None  # auto_now_add was applied, as save() does
    assert stored(Job, compiled.pk) == stored(Job, by_django.pk)
    fresh = Job.objects.get(pk=compiled.pk)
    assert model_to_dict(fresh) == model_to_dict(compiled)
    assert fresh.edits == [{"op": "brightness", "amount": 1.2}] and fresh.created_at == compiled.created_at


def test_a_ledger_entry_inserted_compiled_is_the_row_create_writes(user):
    account = CreditAccount.objects.get(user=user)
    job = new_job(user, "t-ledger")
    prepared.insert(job)
    created = LedgerEntry.objects.create(account=account, amount=-2, balance_after=8, kind="job", job=job,
                                         reason="Job", reference="job:a")
    compiled = prepared.insert(LedgerEntry(account=account, amount=-2, balance_after=8, kind="job", job=job,
                                           reason="Job", reference="job:b"))
    assert {**stored(LedgerEntry, compiled.pk), "reference": None} == {**stored(LedgerEntry, created.pk),
                                                                      "reference": None}
    assert LedgerEntry.objects.get(pk=compiled.pk).job_id == job.pk


def test_the_statement_is_compiled_once_per_thread(user, monkeypatch):
    prepared.insert(new_job(user, "warm"))  # this thread's statement exists now
    compiled = []
    real = SQLInsertCompiler.as_sql
    monkeypatch.setattr(SQLInsertCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or real(self, *a, **k))
    for n in range(5):
        prepared.insert(new_job(user, f"again-{n}"))
    assert compiled == []
    other = threading.Thread(target=lambda: prepared.insert(new_job(user, "elsewhere")))
    other.start()
    other.join()
    assert compiled == [1]  # a new thread has its own connection, so its own statement
    assert Job.objects.filter(user=user).count() == 7


def test_a_duplicate_reference_raises_integrity_error_and_rolls_back_only_its_savepoint(user):
    account = CreditAccount.objects.get(user=user)
    entry = dict(account=account, amount=5, balance_after=15, kind="purchase", reference="polar-order:1")
    with transaction.atomic():
        prepared.insert(LedgerEntry(**entry))
        with pytest.raises(IntegrityError), transaction.atomic():
            prepared.insert(LedgerEntry(**entry))
        prepared.insert(LedgerEntry(**{**entry, "reference": "polar-order:2"}))  # the transaction goes on
    assert sorted(LedgerEntry.objects.filter(kind="purchase").values_list("reference", flat=True)) == [
        "polar-order:1", "polar-order:2"]


def test_a_failed_insert_inside_a_transaction_marks_it_for_rollback(user):
    with pytest.raises(IntegrityError), transaction.atomic():
        prepared.insert(new_job(user, "same"))
        prepared.insert(new_job(user, "same"))  # the token is unique
    assert not Job.objects.filter(token="same").exists()


def test_an_expression_value_takes_djangos_own_path(user):
    job = new_job(user, "expr", started_at=Now())
    prepared.insert(job)
    assert job.pk is not None
    assert Job.objects.get(pk=job.pk).started_at is not None


def test_a_row_that_already_has_a_key_is_refused_even_once_compiled(user):
    prepared.insert(new_job(user, "first"))  # this thread's statement exists now
    with pytest.raises(ValueError):
        prepared.insert(new_job(user, "keyed", pk=10**6))
    assert not Job.objects.filter(token="keyed").exists()


def test_a_conditional_update_writes_what_the_orm_update_writes(user):
    one, two = prepared.insert(new_job(user, "u-1")), prepared.insert(new_job(user, "u-2"))
    finished = timezone.now()
    change = dict(status=Job.Status.SUCCEEDED, original_name="jobs/u/original.jpg", result_names=["a.png"],
                  edits=[{"op": "tone", "amount": 0.5}], notes=["n"], finished_at=finished)
    assert Job.objects.filter(pk=one.pk, status__in=Job.OPEN).update(**change) == 1
    assert prepared.update_if(Job, two.pk, ("status", list(Job.OPEN)), **change) == 1
    assert stored(Job, two.pk) == stored(Job, one.pk)
    assert Job.objects.get(pk=two.pk).finished_at == finished


def test_a_conditional_update_leaves_a_row_in_another_status_alone(user):
    job = prepared.insert(new_job(user, "u-3", status=Job.Status.FAILED))
    assert prepared.update_if(Job, job.pk, ("status", list(Job.OPEN)), status=Job.Status.SUCCEEDED) == 0
    assert prepared.update_if(Job, job.pk + 99, ("status", [Job.Status.FAILED]), status=Job.Status.EXPIRED) == 0
    assert Job.objects.get(pk=job.pk).status == Job.Status.FAILED
    assert not job.mark_succeeded("o", [], [], [])  # the model's transitions go through it
    assert job.mark_expired() and Job.objects.get(pk=job.pk).status == Job.Status.EXPIRED


def test_the_update_is_built_once_and_an_expression_takes_djangos_own_path(user):
    job = prepared.insert(new_job(user, "u-4"))
    prepared.update_if(Job, job.pk, ("status", list(Job.OPEN)), notes=["first"])
    built = len(prepared._updates)
    prepared.update_if(Job, job.pk, ("status", list(Job.OPEN)), notes=["second"])
    assert len(prepared._updates) == built
    assert prepared.update_if(Job, job.pk, ("status", list(Job.OPEN)), cost=F("cost") + 3) == 1
    assert Job.objects.values_list("cost", "notes").get(pk=job.pk) == (5, ["second"])
