// landun — small progressive enhancements; every page works without this file.
document.addEventListener('submit', function (ev) {
  var f = ev.target;
  if (f.classList && f.classList.contains('confirm') && !window.confirm(f.dataset.confirm || '确定？')) {
    ev.preventDefault();
  }
});
