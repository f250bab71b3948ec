"""The accounts' pages, under /tai-khoan/: signing in and out, one's own password, and the accounts staff manage
(the Excel import of accounts is reporting's, in ``reporting/urls.py``)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views
from accounts.forms import LoginForm

urlpatterns = [
    path(
        "dang-nhap/",
        # Someone already signed in is taken on to the page they asked for (or home), not shown the form again.
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("danh-sach/", views.account_list, name="account_list"),
    path("tao-bi-thu/", views.secretaries_create, name="secretaries_create"),
    path("<int:pk>/khoa/", views.account_deactivate_view, name="account_deactivate"),
    path("<int:pk>/mo-lai/", views.account_reactivate_view, name="account_reactivate"),
    path("<int:pk>/cap-lai-mat-khau/", views.account_password_reissue_view, name="account_password_reissue"),
    path("phieu-mat-khau/", views.account_slips, name="account_slips"),
    path("phieu-mat-khau.pdf", views.account_slips_pdf, name="account_slips_pdf"),
    path("phieu-mat-khau/xoa/", views.account_slips_forget, name="account_slips_forget"),
]
