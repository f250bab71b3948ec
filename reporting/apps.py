from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Báo cáo kết quả")

    def ready(self):
        from django.db.models.signals import post_migrate

        from conferences import freezing
        from reporting.db_guards import install_triggers
        from reporting.models.locks import frozen_attendance, frozen_campaign, frozen_move, frozen_periods, frozen_units

        post_migrate.connect(install_triggers, sender=self)

        # A signed report counted the attendance of its campaign's conferences: it freezes them.
        freezing.register(frozen_attendance)
        # It quotes its campaign: the name, plan, dates, deadline and threshold it was drafted from.
        freezing.register_campaign(frozen_campaign)
        # A signed term report counted the supervisions, programmes and plans dated in its period.
        freezing.register_periods(frozen_periods)
        # It counted its committee's units asked: no unit joins or leaves them, by its dates or a move.
        freezing.register_units(frozen_units)
        # It counted the results of its committee's subtree: no unit with some of them moves out of it, or in.
        freezing.register_move(frozen_move)
