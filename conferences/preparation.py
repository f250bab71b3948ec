"""The preparation checklist of a conference (Tây Sơn seed, section 1.7).

Invitations go out 3-5 days ahead; the line test, the seating and the
expected head-count reported upward are done one day ahead; the attendee and
absentee lists follow the conference.
"""

import datetime
from dataclasses import dataclass

from conferences.models import Committee, Conference, PreparationStep

Step = PreparationStep.Step

# Days before the conference each step is due (negative: after it).
DAYS_BEFORE: dict[str, int] = {
    Step.INVITATIONS: 3,
    Step.LINE_TEST: 1,
    Step.SEATING: 1,
    Step.HEADCOUNT: 1,
    Step.ATTENDEE_LIST: -1,
    Step.ABSENTEE_LIST: -1,
}


@dataclass(frozen=True)
class ChecklistItem:
    step: str
    label: str
    due_on: datetime.date
    completed_on: datetime.date | None

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None

    def is_overdue(self, today: datetime.date) -> bool:
        return not self.is_done and self.due_on < today


def applicable_steps(conference: Conference) -> list[str]:
    """The line test only concerns online conferences; the head-count is
    reported upward only when the centre or the province organises."""
    steps = []
    for step in Step:
        if step == Step.LINE_TEST and conference.format != Conference.Format.ONLINE:
            continue
        if step == Step.HEADCOUNT and conference.level not in Conference.Level.counting_halls_below():
            continue
        steps.append(step)
    return steps


def conference_checklist(conference: Conference, committee: Committee) -> list[ChecklistItem]:
    """The steps ``committee`` has to take for ``conference``, with what it has done."""
    completed = dict(conference.preparation_steps.filter(committee=committee).values_list("step", "completed_on"))
    return [
        ChecklistItem(
            step=step,
            label=Step(step).label,
            due_on=conference.date - datetime.timedelta(days=DAYS_BEFORE[step]),
            completed_on=completed.get(step),
        )
        for step in applicable_steps(conference)
    ]


def preparation_step_set(
    *, conference: Conference, committee: Committee, step: str, done: bool, on: datetime.date
) -> None:
    """Mark ``step`` done ``on`` a day (or not done); RecordFrozen once a signed report counted the conference's
    preparation (its term report says how many conferences sent their invitations in time)."""
    from conferences.freezing import conference_frozen, refuse  # freezing reads the models this module serves

    refuse(conference_frozen(conference))
    if done:
        PreparationStep.objects.update_or_create(
            conference=conference, committee=committee, step=step, defaults={"completed_on": on}
        )
    else:
        PreparationStep.objects.filter(conference=conference, committee=committee, step=step).delete()
