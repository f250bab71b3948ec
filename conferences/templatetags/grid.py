from django import template

register = template.Library()


@register.inclusion_tag("includes/grid_cell.html")
def grid_cell(form, name):
    """One input of a grid row, marked invalid with its Vietnamese error when wrong."""
    field = form[name] if name in form.fields else None
    return {"field": field}
