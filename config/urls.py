from django.contrib import admin
from django.urls import include, path

from config.views import favicon
from reporting.home import home

handler400 = "config.errors.bad_request"

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon, name="favicon"),
    path("tai-khoan/", include("accounts.urls")),
    path("", include("conferences.urls")),
    path("", include("reporting.urls")),
]
