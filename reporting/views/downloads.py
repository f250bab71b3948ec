from django.http import HttpResponse


def attachment(filename: str, mimetype: str, content: bytes) -> HttpResponse:
    """A file to save, as every export renders it: (filename, mimetype, bytes)."""
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
