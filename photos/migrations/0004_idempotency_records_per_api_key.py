"""Idempotency records are scoped per API key instead of per account, so a live
key never replays a test key's (watermarked, free) response.

Existing records can't be attributed to a key; they are a 24-hour replay cache,
so they are dropped rather than guessed."""

import django.db.models.deletion
from django.db import migrations, models


def drop_unscoped_records(apps, schema_editor):
    apps.get_model("photos", "IdempotencyRecord").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_completion_webhooks"),
        ("photos", "0003_completion_webhooks"),
    ]

    operations = [
        migrations.RunPython(drop_unscoped_records, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="idempotencyrecord",
            name="unique_idempotency_key_per_user",
        ),
        migrations.AddField(
            model_name="idempotencyrecord",
            name="api_key",
            field=models.ForeignKey(
                default=None,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.apikey",
            ),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="idempotencyrecord",
            constraint=models.UniqueConstraint(fields=("api_key", "key"), name="unique_idempotency_key_per_api_key"),
        ),
    ]
