"""Review options with timing (issue 17): the three "after submission" switches become four
lists of moments. A switch that was on becomes every moment (what it showed before: during an
each-question attempt and after it); one that was off becomes none. Saved revisions of quiz
pages get the same mapping, so publishing an old revision keeps its choices."""

import quizzes.models
from django.db import migrations, models

ALL = ["during", "immediately", "later", "closed"]
MAPPING = {
    "review_points": "show_score",
    "review_correctness": "show_correct_answers",
    "review_answers": "show_correct_answers",
    "review_explanations": "show_explanations",
}


def _moments(switches: dict) -> dict:
    return {new: (list(ALL) if switches.get(old, True) else []) for new, old in MAPPING.items()}


def switches_to_moments(apps, schema_editor):
    QuizPage = apps.get_model("quizzes", "QuizPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for quiz in QuizPage.objects.all():
        switches = {old: getattr(quiz, old) for old in set(MAPPING.values())}
        QuizPage.objects.filter(pk=quiz.pk).update(**_moments(switches))
    content_type = ContentType.objects.filter(app_label="quizzes", model="quizpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = dict(revision.content)
        content.update(_moments(content))
        for old in set(MAPPING.values()):
            content.pop(old, None)
        Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):

    dependencies = [
        ('quizzes', '0004_question_points_and_draws'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='quizpage',
            name='closes_at',
            field=models.DateTimeField(blank=True, help_text='Tom: quizzen lukker ikke. Efter lukning kan ingen starte et nyt forsøg.', null=True, verbose_name='lukker'),
        ),
        migrations.AddField(
            model_name='quizpage',
            name='review_answers',
            field=quizzes.models.ReviewTimingField(blank=True, default=quizzes.models.review_always, validators=[quizzes.models.review_timing_valid], verbose_name='de rigtige svar'),
        ),
        migrations.AddField(
            model_name='quizpage',
            name='review_correctness',
            field=quizzes.models.ReviewTimingField(blank=True, default=quizzes.models.review_always, validators=[quizzes.models.review_timing_valid], verbose_name='om svaret var rigtigt eller forkert'),
        ),
        migrations.AddField(
            model_name='quizpage',
            name='review_explanations',
            field=quizzes.models.ReviewTimingField(blank=True, default=quizzes.models.review_always, validators=[quizzes.models.review_timing_valid], verbose_name='forklaringer og henvisninger'),
        ),
        migrations.AddField(
            model_name='quizpage',
            name='review_points',
            field=quizzes.models.ReviewTimingField(blank=True, default=quizzes.models.review_always, validators=[quizzes.models.review_timing_valid], verbose_name='point'),
        ),
        migrations.RunPython(switches_to_moments, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='quizpage',
            name='show_correct_answers',
        ),
        migrations.RemoveField(
            model_name='quizpage',
            name='show_explanations',
        ),
        migrations.RemoveField(
            model_name='quizpage',
            name='show_score',
        ),
    ]
