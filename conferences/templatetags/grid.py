from django import template

register = template.Library()


@register.inclusion_tag("includes/grid_cell.html")
def grid_cell(form, name, row=None, caption=False):
    """One input of a grid row, named for screen readers by its column and row, marked invalid with its
    Vietnamese error when wrong; with ``caption``, its column's name above it on a phone, where a long grid's
    headings scroll away."""
    if name not in form.fields:
        return {"field": None}
    field = form[name]
    attrs = {"aria-label": f"{field.label}, {row}" if row else str(field.label)}
    if field.errors:
        css = field.field.widget.attrs.get("class", "")
        attrs.update({"class": f"{css} is-invalid", "aria-invalid": "true"})
    return {"field": field, "widget": field.as_widget(attrs=attrs), "caption": caption}
