// The phone ticket page: listens for changes and re-renders the server's HTML fragment.
// Kept tiny and dependency-free for cheap phones on slow networks.
(function () {
  var main = document.getElementById('ticket');
  if (!main || !window.EventSource || !window.fetch) return;
  var token = main.getAttribute('data-token');
  var pending = false;
  var lastStatus = main.getAttribute('data-status');
  function refresh() {
    if (pending) return;
    pending = true;
    setTimeout(function () {
      fetch(location.pathname + '?fragment=1' + (location.search.indexOf('lang=') >= 0 ? '&' + location.search.slice(1) : ''), { cache: 'no-store' })
        // 410: the link has ended (after the visit's day); its fragment says so.
        .then(function (r) { return r.ok || r.status === 410 ? r.text() : null; })
        .then(function (html) {
          pending = false;
          if (html === null) return;
          var holder = document.createElement('div');
          holder.innerHTML = html;
          var next = holder.firstElementChild;
          if (!next) return;
          var status = next.getAttribute('data-status');
          main.replaceWith(next);
          main = next;
          if (status === 'expired') source.close();
          if (status === 'called' && lastStatus !== 'called' && navigator.vibrate) navigator.vibrate([300, 150, 300]);
          lastStatus = status;
        })
        .catch(function () { pending = false; });
    }, 400);
  }
  var source = new EventSource('/api/t/' + encodeURIComponent(token) + '/events');
  source.onmessage = refresh;
  ['ticket.issued', 'ticket.called', 'ticket.started', 'ticket.finished', 'ticket.no_show', 'ticket.parked', 'ticket.resumed', 'ticket.transferred'].forEach(function (type) {
    source.addEventListener(type, refresh);
  });
  source.onopen = refresh; // after a reconnect, catch up at once
  // The server refused to reconnect (the link ended): fetch the fragment that says why.
  source.onerror = function () { if (source.readyState === 2) refresh(); };
})();
