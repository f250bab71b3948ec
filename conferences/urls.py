from django.urls import path

from conferences import attendance_views, issuing, resolutions, views
from conferences.action_documents import views as action_documents

urlpatterns = [
    path("dot-hoc-tap/", views.campaign_list, name="campaign_list"),
    path("dot-hoc-tap/tao-moi/", views.campaign_new, name="campaign_new"),
    path("dot-hoc-tap/<slug:code>/", views.campaign_detail, name="campaign_detail"),
    path("dot-hoc-tap/<slug:code>/sua/", views.campaign_edit, name="campaign_edit"),
    path("dot-hoc-tap/<slug:code>/van-ban-chi-dao/", views.campaign_documents, name="campaign_documents"),
    path("dot-hoc-tap/<slug:code>/hoi-nghi/tao-moi/", views.conference_new, name="conference_new"),
    path("diem-cau/", views.site_list, name="site_list"),
    path("diem-cau/tao-moi/", views.site_form, name="site_new"),
    path("diem-cau/<int:pk>/sua/", views.site_form, name="site_edit"),
    path("nghi-quyet/", resolutions.resolution_list, name="resolution_list"),
    path("nghi-quyet/tao-moi/", resolutions.resolution_form, name="resolution_new"),
    path("nghi-quyet/<int:pk>/sua/", resolutions.resolution_form, name="resolution_edit"),
    path("cap-uy/<slug:code>/ban-hanh-van-ban/", issuing.committee_issuing, name="committee_issuing"),
    path("kiem-tra-giam-sat/", views.supervision_list, name="supervision_list"),
    path("kiem-tra-giam-sat/tao-moi/", views.supervision_form, name="supervision_new"),
    path("kiem-tra-giam-sat/<int:pk>/sua/", views.supervision_form, name="supervision_edit"),
    path("kenh-truc-tuyen/", views.channel_list, name="channel_list"),
    path("kenh-truc-tuyen/tao-moi/", views.channel_form, name="channel_new"),
    path("kenh-truc-tuyen/<int:pk>/sua/", views.channel_form, name="channel_edit"),
    path("hoi-nghi/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("hoi-nghi/<int:pk>/sua/", views.conference_edit, name="conference_edit"),
    path("hoi-nghi/<int:pk>/chuan-bi/", views.conference_step, name="conference_step"),
    path("hoi-nghi/<int:pk>/tham-du/", attendance_views.attendance_grid, name="attendance_grid"),
    path("hoi-nghi/<int:pk>/tham-du/<slug:unit_code>/vang-mat/", attendance_views.absentee_list, name="absentee_list"),
    path("hoi-nghi/<int:pk>/tham-du/dong/<slug:row>/", attendance_views.attendance_row_save, name="attendance_row"),
    path("chuong-trinh-ke-hoach/", action_documents.action_document_list, name="action_document_list"),
    path("chuong-trinh-ke-hoach/tao-moi/", action_documents.action_document_form, name="action_document_new"),
    path("chuong-trinh-ke-hoach/<int:pk>/sua/", action_documents.action_document_form, name="action_document_edit"),
]
