// landun — small progressive enhancements; every page works without this file.
document.addEventListener('submit', function (ev) {
  var f = ev.target;
  if (f.classList && f.classList.contains('confirm') && !window.confirm(f.dataset.confirm || '确定？')) {
    ev.preventDefault();
  }
});
// With htmx loaded, the buttons that reload a form for browsers without JavaScript are hidden.
if (window.htmx) document.documentElement.classList.add('js');
