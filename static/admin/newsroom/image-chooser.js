// The image chooser answers whoever opened it: the body editor's figure dialog
// (django-prose-editor's file picker, CKEditor's callFunction protocol) or the cover
// field's lookup (Django's raw-id popup).
"use strict"
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-choose]")
  if (!button) return
  event.preventDefault()
  const params = new URLSearchParams(window.location.search)
  const opener = window.opener
  const funcNum = params.get("CKEditorFuncNum")
  if (funcNum !== null && opener && opener.CKEDITOR) {
    opener.CKEDITOR.tools.callFunction(funcNum, button.dataset.url, {
      id: button.dataset.choose,
      alternative_text: button.dataset.alt,
      caption: button.dataset.caption,
    })
    window.close()
  } else if (opener && opener.dismissRelatedLookupPopup) {
    opener.dismissRelatedLookupPopup(window, button.dataset.choose)
  }
})
