from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from people import privacy_views

from . import health, login, views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("log-ind/", login.LoginView.as_view(), name="login"),
    path("log-ind/sso-fejl/", login.sso_failure, name="sso-failure"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("sprog/", set_language, name="set_language"),
    path("mine-kurser/", views.my_courses, name="my-courses"),
    path("mit-team/udvikling/", include("overview.urls")),
    path("mit-team/", include("compliance.urls")),
    path("laest-og-forstaaet/", include("compliance.acknowledgement_urls")),
    path("beskeder/", include("notices.urls")),
    path("forloeb/", include("courses.urls")),
    path("min-data/", privacy_views.my_data, name="my-data"),
    path("min-data/<str:fmt>/", privacy_views.my_data_download, name="my-data-download"),
    path("privatliv/", privacy_views.privacy_notice, name="privacy-notice"),
    path("tilgaengelighed/", privacy_views.accessibility, name="accessibility"),
    path("quiz/", include("quizzes.urls")),
    path("scorm/", include("scorm.urls")),
    path("certifikater/", include("certificates.urls")),
    path("soeg/", include("search.urls")),
]

if settings.OIDC_ENABLED:
    urlpatterns += [path("oidc/", include("mozilla_django_oidc.urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
