from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as accounts_views
from accounts.forms import LoginForm
from reporting.home import home
from reporting.results import account_import_views

handler400 = "config.errors.bad_request"

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("tai-khoan/dang-nhap/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/doi-mat-khau/", accounts_views.PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("tai-khoan/danh-sach/", accounts_views.account_list, name="account_list"),
    path("tai-khoan/tao-bi-thu/", accounts_views.secretaries_create, name="secretaries_create"),
    path("tai-khoan/<int:pk>/khoa/", accounts_views.account_deactivate_view, name="account_deactivate"),
    path("tai-khoan/<int:pk>/mo-lai/", accounts_views.account_reactivate_view, name="account_reactivate"),
    path(
        "tai-khoan/<int:pk>/cap-lai-mat-khau/",
        accounts_views.account_password_reissue_view,
        name="account_password_reissue",
    ),
    path("tai-khoan/phieu-mat-khau/", accounts_views.account_slips, name="account_slips"),
    path("tai-khoan/phieu-mat-khau.pdf", accounts_views.account_slips_pdf, name="account_slips_pdf"),
    path("tai-khoan/phieu-mat-khau/xoa/", accounts_views.account_slips_forget, name="account_slips_forget"),
    path("tai-khoan/mau-excel.xlsx", account_import_views.account_template_view, name="account_template"),
    path("tai-khoan/nhap-excel/", account_import_views.account_import_view, name="account_import"),
    path("tai-khoan/nhap-excel/<uuid:pk>/", account_import_views.account_import_preview, name="account_import_preview"),
    path("tai-khoan/nhap-excel/<uuid:pk>/luu/", account_import_views.account_import_save, name="account_import_save"),
    path("", include("conferences.urls")),
    path("", include("reporting.urls")),
]
