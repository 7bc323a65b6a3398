# The constraint in its own migration (its own transaction on PostgreSQL), after every saving has its reference.

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("programme", "0005_gaps_saving_reference"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="saving",
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower("reference"), name="saving_reference_unique_ignoring_case"),
        ),
    ]
