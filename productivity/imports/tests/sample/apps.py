from django.apps import AppConfig


class SampleConfig(AppConfig):
    name = "productivity.imports.tests.sample"
    label = "imports_sample"
    verbose_name = "Sample lines (tests only)"

    def ready(self) -> None:
        from productivity.imports import registry
        from productivity.imports.tests.sample.importer import SampleLineImporter

        registry.register(SampleLineImporter, domain="Sample (tests)",
                          hint="One row per line: an organisation's code, a date and an amount.")
