/* The situation map: stored incidents or events from the OGC API
 * (/collections/{cid}/items), filtered by a date range, an event type and the map's view,
 * clustered; each incident lists the documents that reported it. */
(function () {
  "use strict";

  var W = window.emweb;
  var el = W.el;
  var DAY = 86400000;
  var LIMIT = 2000;
  var data = W.pageData();
  var state = {
    map: null, cluster: null, paths: null, docs: {}, controller: null, fitted: false,
    shown: Object.create(null)  // by collection:id
  };
  var timer = null;

  function $(id) { return document.getElementById(id); }

  function setStatus(text, isError) {
    $("status").textContent = text;
    $("status").classList.toggle("error", Boolean(isError));
  }

  function collection() {
    return document.querySelector("input[name=collection]:checked").value;
  }

  // Dates as day numbers from the store's first date, for the range sliders.
  var first = data.first ? Date.parse(data.first + "T00:00:00Z") : null;
  var last = data.last ? Date.parse(data.last + "T00:00:00Z") : null;
  function dayOf(iso) { return Math.round((Date.parse(iso + "T00:00:00Z") - first) / DAY); }
  function isoOf(day) { return new Date(first + day * DAY).toISOString().slice(0, 10); }

  function setUpDates() {
    var from = $("from");
    var to = $("to");
    var fromRange = $("from-range");
    var toRange = $("to-range");
    if (first === null) {
      [from, to, fromRange, toRange].forEach(function (n) { n.disabled = true; });
      $("range-note").textContent = "Nothing dated is stored yet.";
      return;
    }
    var days = Math.round((last - first) / DAY);
    [fromRange, toRange].forEach(function (n) { n.max = String(days); });
    [from, to].forEach(function (n) { n.min = data.first; n.max = data.last; });
    from.value = data.first;
    to.value = data.last;
    fromRange.value = "0";
    toRange.value = String(days);
    function fromSlider(moved) {
      var a = Number(fromRange.value);
      var b = Number(toRange.value);
      if (a > b) {
        if (moved === fromRange) toRange.value = String(a); else fromRange.value = String(b);
      }
      from.value = isoOf(Number(fromRange.value));
      to.value = isoOf(Number(toRange.value));
      schedule();
    }
    function fromInput() {
      if (from.value) fromRange.value = String(Math.max(0, Math.min(days, dayOf(from.value))));
      if (to.value) toRange.value = String(Math.max(0, Math.min(days, dayOf(to.value))));
      schedule();
    }
    fromRange.addEventListener("input", function () { fromSlider(fromRange); });
    toRange.addEventListener("input", function () { fromSlider(toRange); });
    from.addEventListener("change", fromInput);
    to.addEventListener("change", fromInput);
    $("range-note").textContent = "Stored dates: " + data.first + " to " + data.last;
  }

  function wrap(lon) { return ((lon + 180) % 360 + 360) % 360 - 180; }

  // The view as minlon,minlat,maxlon,maxlat (minlon > maxlon across the antimeridian), or
  // null when the whole world is in view.
  function viewBox() {
    var b = state.map.getBounds();
    if (b.getEast() - b.getWest() >= 360) return null;
    var south = Math.max(-90, b.getSouth());
    var north = Math.min(90, b.getNorth());
    return [wrap(b.getWest()), south, wrap(b.getEast()), north].map(function (v) {
      return v.toFixed(4);
    }).join(",");
  }

  function query() {
    var params = new URLSearchParams({ limit: String(LIMIT), sortby: "-date" });
    var from = $("from").value;
    var to = $("to").value;
    if (first !== null && (from !== data.first || to !== data.last)) {
      params.set("datetime", (from || "..") + "/" + (to || ".."));
    }
    var type = $("event-type").value;
    if (type) params.set("event_type", type);
    var box = state.fitted && $("in-view").checked ? viewBox() : null;
    if (box) params.set("bbox", box);
    return params;
  }

  function docLink(id) {
    var doc = state.docs[id] || {};
    var li = el("li", "doc");
    var a = el("a", null, doc.title || id);
    a.href = "/v1/documents/" + encodeURIComponent(id) + "/map";
    a.target = "_blank";
    a.rel = "noopener";
    li.appendChild(a);
    if (doc.published) li.appendChild(el("span", "note", " " + String(doc.published).slice(0, 10)));
    return li;
  }

  function describe(props) {
    var dates = props.date_first && props.date_last && props.date_first !== props.date_last
      ? props.date_first + " – " + props.date_last : props.date || props.date_first;
    var killed = typeof props.killed === "number" ? props.killed + " killed"
      : W.toll(props.casualties);
    return { dates: dates, killed: killed };
  }

  function detailNode(props, withDocs) {
    var box = el("div", "popup");
    var head = el("div", "popup-head");
    head.appendChild(W.swatch(props.event_type));
    head.appendChild(el("strong", null, W.typeLabel(props.event_type)));
    box.appendChild(head);
    var d = describe(props);
    box.appendChild(W.rows([
      ["Place", props.place], ["Date", d.dates], ["Toll", d.killed],
      ["Reports", props.reports], ["Actor", props.actor]
    ]));
    if (props.sentence) box.appendChild(el("blockquote", "sentence", props.sentence));
    if (withDocs) {
      var ids = props.documents || (props.doc_id ? [props.doc_id] : []);
      if (ids.length) {
        box.appendChild(el("div", "docs-title", ids.length === 1 ? "Source" : "Sources"));
        var list = el("ul", "docs");
        ids.forEach(function (id) { list.appendChild(docLink(id)); });
        box.appendChild(list);
      }
    }
    return box;
  }

  function listItem(feature, open) {
    var li = el("li", "event ev-type-" + W.typeKey(feature.properties.event_type));
    li.tabIndex = 0;
    li.appendChild(detailNode(feature.properties, true));
    li.addEventListener("click", function (e) {
      if (e.target.closest("a")) return;
      open();
    });
    return li;
  }

  // One shown feature: its markers (in the cluster group), path and list item.
  function draw(f, list) {
    var props = f.properties || {};
    var shown = { markers: [], path: null, li: null };
    shown.markers = W.points(f.geometry).map(function (p) {
      var m = L.marker(p, { icon: W.eventIcon(props.event_type, props.geo_precision === 3) });
      m.bindPopup(function () { return detailNode(props, true); }, { maxWidth: 340 });
      return m;
    });
    state.cluster.addLayers(shown.markers);
    var parts = W.lines(f.geometry);
    if (parts.length) {
      shown.path = L.polyline(parts, {
        color: W.typeColor(props.event_type), weight: 2.5, dashArray: "8 6", className: "ev-path"
      }).addTo(state.paths);
      shown.path.bindPopup(function () { return detailNode(props, true); });
    }
    shown.li = listItem(f, function () {
      if (shown.markers.length) {
        var first = shown.markers[0];
        state.cluster.zoomToShowLayer(first, function () { first.openPopup(); });
      } else if (shown.path) {
        shown.path.openPopup(shown.path.getCenter());
      }
    });
    shown.markers.concat(shown.path ? [shown.path] : []).forEach(function (layer) {
      layer.on("popupopen", function () {
        list.querySelectorAll(".active").forEach(function (n) { n.classList.remove("active"); });
        shown.li.classList.add("active");
        shown.li.scrollIntoView({ block: "nearest" });
      });
    });
    return shown;
  }

  function erase(shown) {
    state.cluster.removeLayers(shown.markers);
    if (shown.path) state.paths.removeLayer(shown.path);
    shown.li.remove();
  }

  // Features still matched keep their markers, so an open popup survives the reload that
  // panning to it causes; the list follows the answer's order.
  function show(fc, cid) {
    var list = $("items");
    var next = Object.create(null);
    var order = [];
    (fc.features || []).forEach(function (f) {
      var key = cid + ":" + f.id;
      if (next[key]) return;
      next[key] = state.shown[key] || draw(f, list);
      order.push(next[key]);
    });
    Object.keys(state.shown).forEach(function (key) {
      if (!next[key]) erase(state.shown[key]);
    });
    state.shown = next;
    order.forEach(function (shown) { list.appendChild(shown.li); });
    var name = cid === "incidents" ? "Incidents" : "Events";
    $("items-title").textContent = name + " (" + fc.numberReturned + " of " + fc.numberMatched + ")";
    setStatus(fc.numberMatched ? "" : "Nothing stored matches these filters.");
    if (!state.fitted) {
      var bounds = state.cluster.getBounds().extend(state.paths.getBounds());
      if (bounds.isValid()) state.map.fitBounds(bounds, { maxZoom: 8, padding: [30, 30] });
      state.fitted = true;
    }
  }

  function load() {
    if (state.controller) state.controller.abort();
    state.controller = new AbortController();
    var cid = collection();
    setStatus("Loading…");
    fetch("/collections/" + cid + "/items?" + query().toString(), {
      headers: { Accept: "application/geo+json" }, signal: state.controller.signal
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.detail || "HTTP " + r.status);
        show(body, cid);
      });
    }).catch(function (err) {
      if (err.name !== "AbortError") setStatus(err.message || String(err), true);
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(load, 150);
  }

  function setUpTypes() {
    var select = $("event-type");
    (data.event_types || []).forEach(function (t) {
      var option = el("option", null, W.typeLabel(t));
      option.value = t;
      select.appendChild(option);
    });
    select.addEventListener("change", schedule);
  }

  function loadDocuments() {
    return fetch("/v1/documents?limit=1000", { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { documents: [] }; })
      .then(function (body) {
        (body.documents || []).forEach(function (d) { state.docs[d.id] = d; });
      });
  }

  setUpDates();
  setUpTypes();
  if (location.hash === "#events") {
    document.querySelector("input[name=collection][value=events]").checked = true;
  }
  document.querySelectorAll("input[name=collection]").forEach(function (n) {
    n.addEventListener("change", function () { state.fitted = false; schedule(); });
  });
  $("in-view").addEventListener("change", schedule);
  state.map = W.createMap("map");
  window.situationMap = state.map;  // for scripts driving the page (tests, screenshots)
  state.cluster = W.clusterGroup().addTo(state.map);
  state.paths = L.featureGroup().addTo(state.map);
  state.map.on("moveend", function () { if (state.fitted && $("in-view").checked) schedule(); });
  loadDocuments().then(load);
})();
