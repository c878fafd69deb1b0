/*
 * « Mes justificatifs »: shows the progress of an upload. Loaded with <script src defer> (the
 * Content-Security-Policy forbids inline scripts). Without this script, or in a browser
 * without XMLHttpRequest upload events, the forms are sent as plain multipart POSTs and the
 * server answers with a redirect or with the page and its message: nothing depends on it.
 *
 * With it, the same form is sent by XMLHttpRequest (the same fields in the same order, the
 * CSRF token first), a progress bar follows the bytes sent, then the browser goes to the page
 * the server redirected to; a refusal's page replaces the main content. On a network error,
 * the form is sent the ordinary way.
 */
(function () {
  'use strict';

  if (
    typeof window.XMLHttpRequest !== 'function' ||
    typeof window.FormData !== 'function' ||
    typeof window.DOMParser !== 'function' ||
    !('upload' in new XMLHttpRequest())
  ) {
    return;
  }

  function showError(form, message) {
    var group = form.querySelector('.fr-upload-group');
    var messages = form.querySelector('.fr-messages-group');
    var input = form.querySelector('input[type=file]');
    if (!group || !messages) return;
    group.classList.add('fr-upload-group--error');
    messages.textContent = '';
    var p = document.createElement('p');
    p.className = 'fr-message fr-message--error';
    p.textContent = message;
    messages.appendChild(p);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  }

  function clearError(form) {
    var group = form.querySelector('.fr-upload-group');
    var messages = form.querySelector('.fr-messages-group');
    var input = form.querySelector('input[type=file]');
    if (group) group.classList.remove('fr-upload-group--error');
    if (messages) messages.textContent = '';
    if (input) input.removeAttribute('aria-invalid');
  }

  function replaceMain(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var incoming = doc.querySelector('main');
    var current = document.querySelector('main');
    if (!incoming || !current) return false;
    current.replaceWith(document.importNode(incoming, true));
    if (doc.title) document.title = doc.title;
    bind(document);
    var error = document.querySelector('.fr-upload-group--error input[type=file], .fr-alert');
    if (error) {
      if (!error.hasAttribute('tabindex') && error.tagName !== 'INPUT') {
        error.setAttribute('tabindex', '-1');
      }
      error.focus();
    }
    return true;
  }

  function onSubmit(event) {
    var form = event.currentTarget;
    var input = form.querySelector('input[type=file]');
    if (!input || !input.files || input.files.length !== 1) return; // the browser handles it

    var max = Number(form.getAttribute('data-max-bytes'));
    if (max > 0 && input.files[0].size > max) {
      event.preventDefault();
      showError(form, form.getAttribute('data-too-large') || 'Le fichier est trop volumineux.');
      return;
    }

    var status = form.querySelector('[data-upload-status]');
    var bar = status && status.querySelector('progress');
    var text = status && status.querySelector('[data-upload-text]');
    var button = form.querySelector('button[type=submit]');
    if (!status || !bar || !text) return;

    event.preventDefault();
    clearError(form);
    var body = new FormData(form);
    var xhr = new XMLHttpRequest();
    status.hidden = false;
    bar.value = 0;
    text.textContent = 'Envoi en cours : 0 %';
    if (button) button.disabled = true;

    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.min(100, Math.floor((e.loaded / e.total) * 100));
      bar.value = percent;
      bar.textContent = percent + ' %';
      text.textContent =
        percent < 100 ? 'Envoi en cours : ' + percent + ' %' : 'Vérification du fichier…';
    });

    xhr.addEventListener('load', function () {
      var target = xhr.responseURL ? new URL(xhr.responseURL) : null;
      if (
        xhr.status >= 200 &&
        xhr.status < 300 &&
        target &&
        target.origin === window.location.origin
      ) {
        window.location.assign(target.href); // the page the server redirected to (303)
        return;
      }
      if (!replaceMain(xhr.responseText)) form.submit();
    });

    xhr.addEventListener('error', function () {
      form.submit(); // the ordinary way: the browser shows whatever happens
    });

    xhr.open('POST', form.action);
    xhr.send(body);
  }

  function bind(root) {
    var forms = root.querySelectorAll('form[data-upload-progress]');
    for (var i = 0; i < forms.length; i += 1) {
      if (forms[i].getAttribute('data-upload-bound') === 'oui') continue;
      forms[i].setAttribute('data-upload-bound', 'oui');
      forms[i].addEventListener('submit', onSubmit);
    }
  }

  bind(document);
})();
