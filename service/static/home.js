/* The home page: sends the pasted article to POST /v1/geoparse and shows its events on the
 * map, in the list beside it and in the article text. List and map open each other. The
 * view fits the places that agree with the story (POST /web/fit): a place far from the
 * others and resolved with low confidence is marked and left out of it. */
(function () {
  "use strict";

  var W = window.emweb;
  var el = W.el;
  var state = { map: null, cluster: null, overlay: null, items: [], body: null, urls: [] };
  var FIT_OPTIONS = { maxZoom: 9, padding: [40, 40] };

  function setStatus(text, isError) {
    var node = document.getElementById("status");
    node.textContent = text;
    node.classList.toggle("error", Boolean(isError));
  }

  function requestBody() {
    var body = { text: document.getElementById("text").value };
    var published = document.getElementById("published").value;
    if (published) body.published = published;
    var hint = document.getElementById("country").value.split(/[\s,]+/).filter(Boolean);
    if (hint.length) body.country_hint = hint.map(function (c) { return c.toUpperCase(); });
    return body;
  }

  // The message of a problem+json answer, naming the fields it gives.
  function problemText(status, problem) {
    var text = (problem && (problem.detail || problem.title)) || "HTTP " + status;
    var fields = ((problem && problem.errors) || []).map(function (e) {
      return e.field + ": " + e.message;
    });
    return fields.length ? text + " (" + fields.join("; ") + ")" : text;
  }

  function popupNode(props, place, outlier) {
    var box = el("div", "popup");
    var head = el("div", "popup-head");
    head.appendChild(W.swatch(props.event_type));
    head.appendChild(el("strong", null, W.typeLabel(props.event_type)));
    box.appendChild(head);
    box.appendChild(W.rows([
      ["Place", place || props.place],
      ["Date", props.date],
      ["Toll", W.toll(props.casualties)],
      ["Actor", props.actor],
      ["Target", props.target],
      ["Note", outlier ? W.OUTLIER_NOTE : null]
    ]));
    if (props.sentence) box.appendChild(el("blockquote", "sentence", props.sentence));
    return box;
  }

  function select(index, fromMap) {
    state.items.forEach(function (item, i) {
      item.li.classList.toggle("active", i === index);
    });
    var item = state.items[index];
    if (fromMap) {
      item.li.scrollIntoView({ block: "nearest" });
      return;
    }
    if (item.markers.length) {
      var marker = item.markers[0];
      state.cluster.zoomToShowLayer(marker, function () { marker.openPopup(); });
    } else if (item.path) {
      state.map.fitBounds(item.path.getBounds(), { maxZoom: 8, padding: [30, 30] });
      item.path.openPopup();
    } else {
      setStatus("This event has no location on the map.");
    }
  }

  // The article with each event sentence in a <mark>; spans are code point offsets.
  function showArticle(text, events) {
    var chars = Array.from(text);
    var spans = [];
    events.forEach(function (f) {
      var s = f.properties.span;
      if (Array.isArray(s) && s.length === 2 && s[0] < s[1] && s[1] <= chars.length) {
        if (!spans.some(function (o) { return o[0] === s[0] && o[1] === s[1]; })) spans.push(s);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var box = document.getElementById("article-text");
    box.replaceChildren();
    var at = 0;
    var marks = {};
    spans.forEach(function (s) {
      if (s[0] < at) return;  // overlaps the mark before it
      box.appendChild(document.createTextNode(chars.slice(at, s[0]).join("")));
      var mark = el("mark", "sentence-mark", chars.slice(s[0], s[1]).join(""));
      marks[s[0] + ":" + s[1]] = mark;
      box.appendChild(mark);
      at = s[1];
    });
    box.appendChild(document.createTextNode(chars.slice(at).join("")));
    document.getElementById("article").hidden = false;
    return marks;
  }

  function showInText(mark) {
    document.querySelectorAll(".sentence-mark.flash").forEach(function (m) {
      m.classList.remove("flash");
    });
    mark.classList.add("flash");
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function listItem(props, index, mark, outlier) {
    var li = el("li", "event ev-type-" + W.typeKey(props.event_type) +
      (outlier ? " event-outlier" : ""));
    li.tabIndex = 0;
    var head = el("div", "event-head");
    head.appendChild(W.swatch(props.event_type));
    head.appendChild(el("strong", "event-type", W.typeLabel(props.event_type)));
    if (props.date) head.appendChild(el("span", "event-date", props.date));
    li.appendChild(head);
    li.appendChild(el("div", "event-place", props.place || "no location"));
    var toll = W.toll(props.casualties);
    if (toll) li.appendChild(el("div", "event-toll", toll));
    if (outlier) li.appendChild(el("div", "outlier-note", W.OUTLIER_NOTE + "."));
    if (props.sentence) li.appendChild(el("blockquote", "sentence", props.sentence));
    if (mark) {
      var link = el("a", "in-text", "Show in text");
      link.href = "#article";
      link.addEventListener("click", function (e) {
        e.preventDefault();
        e.stopPropagation();
        showInText(mark);
      });
      li.appendChild(link);
    }
    li.addEventListener("click", function () { select(index, false); });
    li.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        select(index, false);
      }
    });
    return li;
  }

  // `outliers` holds "feature:point" of each position left out of the view.
  function drawEvent(f, index, fi, outliers) {
    var props = f.properties;
    var item = { markers: [], path: null, li: null, outlier: false };
    W.points(f.geometry).forEach(function (p, k) {
      var names = props.places || [];
      var outlier = Boolean(outliers[fi + ":" + k]);
      item.outlier = item.outlier || outlier;
      var marker = L.marker(p, {
        icon: W.eventIcon(props.event_type, props.geo_precision === 3, outlier)
      });
      marker.bindPopup(function () { return popupNode(props, names[k], outlier); },
        { maxWidth: 340 });
      marker.on("popupopen", function () { select(index, true); });
      state.cluster.addLayer(marker);
      item.markers.push(marker);
    });
    var parts = W.lines(f.geometry);
    if (parts.length) {
      var route = [props.origin, props.target].filter(Boolean).join(" → ");
      item.path = L.polyline(parts, {
        color: W.typeColor(props.event_type), weight: 3, dashArray: "8 6", className: "ev-path"
      }).addTo(state.overlay);
      item.path.bindPopup(function () { return popupNode(props, route); }, { maxWidth: 340 });
      item.path.on("popupopen", function () { select(index, true); });
    }
    return item;
  }

  function drawPlace(f, outlier) {
    var p = W.points(f.geometry);
    if (!p.length) return;
    var dot = L.circleMarker(p[0], {
      radius: 4, color: outlier ? "#b00020" : "#fff", weight: outlier ? 1.5 : 1,
      dashArray: outlier ? "2 2" : null, fillColor: "#8d8d8d", fillOpacity: 0.9,
      className: outlier ? "place-dot place-outlier" : "place-dot"
    }).addTo(state.overlay);
    dot.bindTooltip(function () {
      var box = el("span", null, f.properties.name);
      if (outlier) box.appendChild(el("em", null, " (" + W.OUTLIER_NOTE + ")"));
      return box;
    });
  }

  function kindOf(f) {
    return f && f.properties ? f.properties.kind : null;
  }

  // `view` is the answer of /web/fit ({fit, outliers}), or null to fit everything drawn.
  function show(fc, text, view) {
    state.cluster.clearLayers();
    state.overlay.clearLayers();
    var features = fc.features || [];
    var outliers = Object.create(null);
    ((view && view.outliers) || []).forEach(function (o) { outliers[o[0] + ":" + o[1]] = true; });
    var indices = [];
    features.forEach(function (f, fi) { if (kindOf(f) === "event") indices.push(fi); });
    var events = indices.map(function (fi) { return features[fi]; });
    var marks = showArticle(text, events);
    var list = document.getElementById("events");
    list.replaceChildren();
    state.items = events.map(function (f, i) {
      var item = drawEvent(f, i, indices[i], outliers);
      var s = f.properties.span || [];
      item.li = listItem(f.properties, i, marks[s[0] + ":" + s[1]], item.outlier);
      list.appendChild(item.li);
      return item;
    });
    features.forEach(function (f, fi) {
      if (kindOf(f) === "place") drawPlace(f, Boolean(outliers[fi + ":0"]));
    });
    document.getElementById("events-title").textContent = "Events (" + events.length + ")";
    document.getElementById("events-empty").textContent = events.length ? "" :
      "No events found in this text.";
    var bounds = view && view.fit ? L.latLngBounds(view.fit)
      : state.cluster.getBounds().extend(state.overlay.getBounds());
    if (bounds.isValid()) state.map.fitBounds(bounds, FIT_OPTIONS);
    var places = features.length - events.length;
    var away = Object.keys(outliers).length;
    setStatus(events.length + " events, " + places + " places." + (away ? " " + away +
      (away === 1 ? " place far off and uncertain: " : " places far off and uncertain: ") +
      "not in view." : ""));
    document.getElementById("download").href = blobUrl(JSON.stringify(fc), "application/geo+json");
    document.getElementById("result-actions").hidden = false;
  }

  // An object URL for `content`; the previous results' URLs are released on a new submit.
  function blobUrl(content, type) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    state.urls.push(url);
    return url;
  }

  // The same text drawn by POST /v1/map (the full map: legend, layers, time slider), in a
  // new tab opened at the click so that no popup blocker stops it.
  function openStandalone(e) {
    e.preventDefault();
    if (!state.body) return;
    var tab = window.open("", "_blank");
    fetch("/v1/map", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/html" },
      body: JSON.stringify(state.body)
    }).then(function (r) {
      if (!r.ok) throw new Error("The map could not be drawn (HTTP " + r.status + ").");
      return r.text();
    }).then(function (html) {
      if (tab) tab.location.href = blobUrl(html, "text/html");
    }).catch(function (err) {
      if (tab) tab.close();
      setStatus(err.message || String(err), true);
    });
  }

  // The view of a geoparse answer (/web/fit), or null when it cannot be had: the map then
  // fits everything drawn.
  function fitView(fc) {
    return fetch("/web/fit", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(fc)
    }).then(function (r) {
      if (!r.ok) throw new Error("fit: HTTP " + r.status);
      return r.json();
    }).catch(function (err) {
      console.warn(String(err));
      return null;
    });
  }

  function submit(e) {
    e.preventDefault();
    var text = document.getElementById("text").value;
    var button = document.getElementById("submit");
    var sent = requestBody();
    button.disabled = true;
    document.getElementById("result-actions").hidden = true;
    state.urls.forEach(function (url) { URL.revokeObjectURL(url); });
    state.urls = [];
    setStatus("Reading the article…");
    fetch("/v1/geoparse", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/geo+json" },
      body: JSON.stringify(sent)
    }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (body) {
        if (!r.ok) throw new Error(problemText(r.status, body));
        state.body = sent;
        return fitView(body).then(function (view) { show(body, text, view); });
      });
    }).catch(function (err) {
      setStatus(err.message || String(err), true);
    }).then(function () {
      button.disabled = false;
    });
  }

  state.map = W.createMap("map");
  window.homeMap = state.map;  // for scripts driving the page (tests, screenshots)
  state.cluster = W.clusterGroup().addTo(state.map);
  state.overlay = L.featureGroup().addTo(state.map);
  document.getElementById("article-form").addEventListener("submit", submit);
  document.getElementById("standalone").addEventListener("click", openStandalone);
})();
