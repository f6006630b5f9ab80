// landun — small progressive enhancements; every page works without this file.
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
