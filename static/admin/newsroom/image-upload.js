// Uploads with a progress bar. Without JavaScript the form posts as usual; with it, the
// same post goes through XMLHttpRequest (fetch reports no upload progress) and the
// answer replaces the page, as a normal post would.
"use strict"
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-image-upload]")
  if (!form || !window.XMLHttpRequest) return
  event.preventDefault()
  const progress = form.querySelector(".upload-progress")
  const bar = progress.querySelector("progress")
  const label = progress.querySelector("span")
  const submit = form.querySelector("[type=submit]")
  progress.hidden = false
  submit.disabled = true
  const request = new XMLHttpRequest()
  request.open("POST", form.action || window.location.href)
  request.upload.addEventListener("progress", (e) => {
    if (!e.lengthComputable) return
    const percent = Math.round((e.loaded / e.total) * 100)
    bar.value = percent
    label.textContent = percent < 100 ? `${percent}%` : form.dataset.processing || "…"
  })
  request.addEventListener("load", () => {
    // The answer is the page a normal post would land on (after a redirect, the list with
    // its "uploaded" message, which loading it again would lose): show it at its address.
    if (request.responseURL && request.responseURL !== window.location.href) {
      window.history.replaceState(null, "", request.responseURL)
    }
    document.open()
    document.write(request.responseText)
    document.close()
  })
  request.addEventListener("error", () => {
    submit.disabled = false
    label.textContent = form.dataset.failed || "Upload failed; try again."
  })
  request.send(new FormData(form))
})
