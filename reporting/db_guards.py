"""The database's own guard on what is signed: on PostgreSQL, triggers refuse any change to a signed report
and any deletion or rewriting of an issued number, whatever path the statement comes by (a bulk query, a
cascade, a hand-typed SQL statement).

Installed after every ``migrate`` (and so in test databases too); SQLite, the embedded default, relies on
the models' guards. TRUNCATE, which only a database owner's maintenance runs, is not a row change.
"""

from django.db import connections

TRIGGERS = """
CREATE OR REPLACE FUNCTION reporting_signed_report_is_final() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'signed' THEN
        RAISE EXCEPTION 'Báo cáo đã ký (id %) không thể sửa hay xóa.', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS signed_report_is_final ON reporting_report;
CREATE TRIGGER signed_report_is_final BEFORE UPDATE OR DELETE ON reporting_report
    FOR EACH ROW EXECUTE FUNCTION reporting_signed_report_is_final();

CREATE OR REPLACE FUNCTION reporting_issued_number_is_kept() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
        OR (NEW.register_id, NEW.sequence, NEW.label) IS DISTINCT FROM (OLD.register_id, OLD.sequence, OLD.label) THEN
        RAISE EXCEPTION 'Số văn bản đã cấp % không thể sửa hay xóa.', OLD.label
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS issued_number_is_kept ON reporting_issuednumber;
CREATE TRIGGER issued_number_is_kept BEFORE UPDATE OR DELETE ON reporting_issuednumber
    FOR EACH ROW EXECUTE FUNCTION reporting_issued_number_is_kept();
"""


def install_triggers(using: str = "default", **kwargs) -> None:
    """post_migrate receiver: (re)create the triggers where the backend has them."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(TRIGGERS)
