from django.dispatch import Signal

#: Sent inside the transaction that completes a course run: ``run`` (a CourseRun).
course_completed = Signal()

#: Sent when a person completes a step (lesson or quiz): ``completion`` (a StepCompletion).
step_completed = Signal()
