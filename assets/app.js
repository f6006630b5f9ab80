// landun — small progressive enhancements; every page works without this file, except the
// upload of a recording, which streams the file in pieces (below).
document.addEventListener('submit', function (ev) {
  var f = ev.target;
  if (f.classList && f.classList.contains('confirm') && !window.confirm(f.dataset.confirm || '确定？')) {
    ev.preventDefault();
  }
});
// With htmx loaded, the buttons that reload a form for browsers without JavaScript are hidden.
if (window.htmx) document.documentElement.classList.add('js');
// A copy button (data-copy = the id of the element whose exact text it copies: a draw's seed).
document.addEventListener('click', function (ev) {
  var b = ev.target.closest && ev.target.closest('button[data-copy]');
  if (!b || !navigator.clipboard) return;
  var el = document.getElementById(b.dataset.copy);
  if (!el) return;
  navigator.clipboard.writeText(el.textContent).then(function () {
    b.textContent = '已复制';
  });
});

// A recording's thumbnail the server could not make (an undecodable photo: 404) is removed, and
// the media's label beside it stays.
document.addEventListener('error', function (ev) {
  var img = ev.target;
  if (img && img.tagName === 'IMG' && img.hasAttribute('data-thumb')) img.remove();
}, true);

// Recordings (执法全过程记录): the file goes up in pieces over the resumable upload protocol
// (tus, docs/evidence.md); after a dropped connection it resumes where the server says, so a
// phone on a weak network does not start again. Then the upload is attached with its details.
var PIECE = 4 << 20;
function recErrors(f, fields, message) {
  f.querySelectorAll('[data-error]').forEach(function (s) {
    var m = fields && fields[s.dataset.error];
    s.textContent = m || '';
    s.hidden = !m;
  });
  var n = f.querySelector('[role=status]');
  n.textContent = message || '';
  n.hidden = !message;
}
function recSend(f, method, url, headers, body) {
  headers['Tus-Resumable'] = '1.0.0';
  headers['X-CSRF-Token'] = f.dataset.csrf;
  return fetch(url, {method: method, headers: headers, body: body, credentials: 'same-origin'});
}
function recFail(f, res) {
  return res.json().then(function (j) {
    recErrors(f, j.error.fields, j.error.message);
  }, function () {
    recErrors(f, null, '上传失败（' + res.status + '），请重试');
  });
}
function recPieces(f, url, file, offset, tries, done) {
  var bar = f.querySelector('progress');
  bar.value = file.size ? Math.floor(offset * 100 / file.size) : 100;
  if (offset >= file.size) return done();
  recSend(f, 'PATCH', url, {'Upload-Offset': String(offset),
    'Content-Type': 'application/offset+octet-stream'}, file.slice(offset, offset + PIECE))
    .then(function (res) {
      if (res.status === 204) return recPieces(f, url, file, +res.headers.get('Upload-Offset'), 0, done);
      if (res.status === 409) return recResume(f, url, file, tries, done);
      recFail(f, res);
    }, function () { recResume(f, url, file, tries, done); });
}
function recResume(f, url, file, tries, done) {
  if (tries >= 30) return recErrors(f, null, '网络中断，请稍后再点“上传”继续');
  recErrors(f, null, '网络中断，正在续传……');
  setTimeout(function () {
    recSend(f, 'HEAD', url, {}).then(function (res) {
      if (!res.ok) return recFail(f, res);
      recPieces(f, url, file, +res.headers.get('Upload-Offset'), tries + 1, done);
    }, function () { recResume(f, url, file, tries + 1, done); });
  }, Math.min(2000 * (tries + 1), 15000));
}
function recAttach(f, url) {
  var d = {upload: url.split('/').pop()};
  ['object_type', 'object_id', 'part', 'officer_id', 'device_id', 'taken_at', 'place',
   'description'].forEach(function (k) { d[k] = f.elements['rec_' + k].value; });
  d.taken_at = d.taken_at.replace('T', ' ');
  recSend(f, 'POST', '/api/v1/recordings', {'Content-Type': 'application/json'}, JSON.stringify(d))
    .then(function (res) {
      if (res.status !== 201) return recFail(f, res);
      location.hash = 'recordings';
      location.reload();
    }, function () { recErrors(f, null, '网络中断，请重试'); });
}
document.addEventListener('submit', function (ev) {
  var f = ev.target;
  if (!f.matches || !f.matches('form[data-upload]')) return;
  ev.preventDefault();
  var file = f.elements.rec_file.files[0];
  if (!file) return recErrors(f, {upload: '请选择要上传的文件'});
  recErrors(f, null, '正在上传……');
  f.querySelector('progress').hidden = false;
  var go = function (url) {
    f.dataset.url = url;
    recPieces(f, url, file, 0, 0, function () { recAttach(f, url); });
  };
  if (f.dataset.url && f.dataset.file === file.name + file.size) return recResume(f, f.dataset.url, file, 0, function () { recAttach(f, f.dataset.url); });
  f.dataset.file = file.name + file.size;
  recSend(f, 'POST', '/api/v1/uploads', {'Upload-Length': String(file.size),
    'Upload-Metadata': 'filename ' + btoa(unescape(encodeURIComponent(file.name)))})
    .then(function (res) {
      if (res.status !== 201) return recFail(f, res);
      go(res.headers.get('Location'));
    }, function () { recErrors(f, null, '网络中断，请重试'); });
});
// The devices an officer may record with follow the officer chosen.
document.addEventListener('change', function (ev) {
  var sel = ev.target;
  if (!sel.matches || !sel.matches('select[data-devices]')) return;
  var dev = sel.form.elements.rec_device_id, opt = sel.selectedOptions[0];
  while (dev.options.length > 1) dev.remove(1);
  (opt && opt.dataset.devices ? opt.dataset.devices.split(';') : []).forEach(function (d) {
    var p = d.split('|');
    if (p[0]) dev.add(new Option(p[1], p[0]));
  });
});
