"""Wagtail's multiple image upload, asking the photo's description, credit and caption in the upload step."""

from wagtail.images.views.multiple import AddView

# Typed once above the drop zone and given to every photo of the upload.
UPLOAD_FIELDS = ("description", "credit", "default_caption")


class PhotoAddView(AddView):
    """With the three filled in, each file becomes a photo at once, without a second form per photo."""

    def get_upload_form_class(self):
        base = super().get_upload_form_class()
        typed = {}
        if self.request.method == "POST":
            typed = {name: self.request.POST.get(name, "").strip() for name in UPLOAD_FIELDS}
            typed = {name: value for name, value in typed.items() if value}

        class UploadForm(base):
            def __init__(self, data=None, *args, **kwargs):
                if data is not None:
                    data = {**data, **typed}
                super().__init__(data, *args, **kwargs)

        return UploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upload_fields"] = [self.form[name] for name in UPLOAD_FIELDS if name in self.form.fields]
        return context
