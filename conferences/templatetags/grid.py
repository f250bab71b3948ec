from django import template

register = template.Library()


@register.inclusion_tag("includes/grid_cell.html")
def grid_cell(form, name):
    """One input of a grid row, marked invalid with its Vietnamese error when wrong."""
    if name not in form.fields:
        return {"field": None}
    field = form[name]
    widget = field.as_widget()
    if field.errors:
        css = field.field.widget.attrs.get("class", "")
        widget = field.as_widget(attrs={"class": f"{css} is-invalid", "aria-invalid": "true"})
    return {"field": field, "widget": widget}
